import type { BudgetWindow, WindowBudget, WindowOutcome } from '@resetkit/core'

interface WindowEntry {
  readonly at: number
  readonly id: string
}

interface Window {
  readonly windowMs: number
  entries: WindowEntry[]
}

export interface MemoryWindowBudget extends WindowBudget {
  /** Windows still holding an entry (for memory tests). */
  size(): number
}

// A sweep of every window is O(windows); run it every 256 reservations, or after a quiet minute.
const SWEEP_EVERY = 256
const SWEEP_AFTER_MS = 60_000

let nextId = 0

/**
 * The send limits and guess budgets in a Map (Redis runs the same rule as one Lua script). Each
 * call does its check-and-write with no await in between, so it is atomic. A window is dropped
 * once its last entry has left it, so memory follows the identifiers seen in the last window,
 * not every identifier ever seen.
 *
 * @example
 * const windows = createMemoryWindowBudget()
 * const sendOtp = createSendOtp({ store: createMemoryOtpStore(), windows, sender })
 */
export function createMemoryWindowBudget(): MemoryWindowBudget {
  const windows = new Map<string, Window>()
  let sinceSweep = 0
  let lastSweep = -Infinity

  const live = (window: Window, now: number): WindowEntry[] => {
    const cutoff = now - window.windowMs
    if (window.entries.length > 0 && (window.entries[0]?.at ?? now) <= cutoff) window.entries = window.entries.filter((entry) => entry.at > cutoff)
    return window.entries
  }

  const sweep = (now: number): void => {
    sinceSweep = 0
    lastSweep = now
    for (const [key, window] of windows) if (live(window, now).length === 0) windows.delete(key)
  }

  const refusal = (now: number, { key, cooldownMs, maxPerWindow, windowMs }: BudgetWindow): WindowOutcome | undefined => {
    const entries = live(windows.get(key) ?? { windowMs, entries: [] }, now)
    const last = entries.at(-1)
    if (last !== undefined && now - last.at < cooldownMs) return { allowed: false, retryAfterMs: cooldownMs - (now - last.at), window: key }
    if (entries.length >= maxPerWindow) return { allowed: false, retryAfterMs: (entries[0]?.at ?? now) + windowMs - now, window: key }
    return undefined
  }

  return {
    async reserve({ now, windows: requested }) {
      if (++sinceSweep >= SWEEP_EVERY || now - lastSweep >= SWEEP_AFTER_MS) sweep(now)
      for (const window of requested) {
        const refused = refusal(now, window)
        if (refused !== undefined) return refused
      }
      const id = String(++nextId)
      for (const { key, windowMs } of requested) {
        const window = windows.get(key) ?? { windowMs, entries: [] }
        window.entries.push({ at: now, id })
        windows.set(key, window)
      }
      return { allowed: true, id }
    },
    async release(key, id) {
      const window = windows.get(key)
      if (window === undefined) return
      window.entries = window.entries.filter((entry) => entry.id !== id)
      if (window.entries.length === 0) windows.delete(key)
    },
    size: () => windows.size,
  }
}
