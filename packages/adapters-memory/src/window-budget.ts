import type { BudgetWindow, WindowBudget, WindowOutcome } from '@resetkit/core'

/**
 * One window's entries from `head` on, oldest first, as two parallel arrays of plain numbers:
 * 16 bytes an entry and nothing in them for the garbage collector to trace. (An object per entry,
 * its time a boxed number, took about 60, and a budget with a high cap, such as a global daily
 * one, holds every send of its day.) Entries leave by moving `head`, so expiry costs O(1)
 * amortised instead of a copy of the window on every call once it is full.
 */
interface Window {
  readonly windowMs: number
  readonly times: number[]
  readonly ids: number[]
  head: number
}

export interface MemoryWindowBudget extends WindowBudget {
  /** Windows still holding an entry (for memory tests). */
  size(): number
}

// A sweep of every window is O(windows); run it every 256 reservations, or after a quiet minute.
const SWEEP_EVERY = 256
const SWEEP_AFTER_MS = 60_000
// The arrays drop what is behind `head` once that is most of them (and not a handful).
const COMPACT_AFTER = 64

let nextId = 0

const liveCount = (window: Window): number => window.times.length - window.head

/** Moves `head` past the entries that have left the window: times are sorted (see `add`), so they are a prefix. */
function expire(window: Window, now: number): void {
  const { times, ids } = window
  const cutoff = now - window.windowMs
  let head = window.head
  while (head < times.length && (times[head] as number) <= cutoff) head++
  if (head === times.length) {
    times.length = 0
    ids.length = 0
    head = 0
  } else if (head >= COMPACT_AFTER && head * 2 >= times.length) {
    times.splice(0, head)
    ids.splice(0, head)
    head = 0
  }
  window.head = head
}

/**
 * Appends an entry. Times stay sorted without a search: a reservation is refused in any window
 * whose latest entry is later than its `now` (the cooldown check: `now - last < cooldownMs`
 * holds for any cooldown, 0 included, when the caller's clock has gone back), as in Redis.
 */
function add(window: Window, at: number, id: number): void {
  window.times.push(at)
  window.ids.push(id)
}

// Ids go out as the decimal strings of positive integers; anything else names no entry.
const idNumber = (id: string): number => (/^[1-9]\d{0,15}$/.test(id) ? Number(id) : Number.NaN)

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

  const sweep = (now: number): void => {
    sinceSweep = 0
    lastSweep = now
    for (const [key, window] of windows) {
      expire(window, now)
      if (liveCount(window) === 0) windows.delete(key)
    }
  }

  const refusal = (now: number, { key, cooldownMs, maxPerWindow, windowMs }: BudgetWindow): WindowOutcome | undefined => {
    const window = windows.get(key)
    if (window !== undefined) expire(window, now)
    const count = window === undefined ? 0 : liveCount(window)
    const last = count === 0 ? undefined : window?.times[window.times.length - 1]
    if (last !== undefined && now - last < cooldownMs) return { allowed: false, retryAfterMs: cooldownMs - (now - last), window: key }
    if (count >= maxPerWindow) return { allowed: false, retryAfterMs: (count === 0 ? now : (window?.times[window.head] ?? now)) + windowMs - now, window: key }
    return undefined
  }

  return {
    async reserve({ now, windows: requested }) {
      if (++sinceSweep >= SWEEP_EVERY || now - lastSweep >= SWEEP_AFTER_MS) sweep(now)
      for (const window of requested) {
        const refused = refusal(now, window)
        if (refused !== undefined) return refused
      }
      const id = ++nextId
      for (const { key, windowMs } of requested) {
        let window = windows.get(key)
        if (window === undefined) {
          window = { windowMs, times: [], ids: [], head: 0 }
          windows.set(key, window)
        }
        add(window, now, id)
      }
      return { allowed: true, id: String(id) }
    },
    async release(key, id) {
      const window = windows.get(key)
      if (window === undefined) return
      const index = window.ids.indexOf(idNumber(id), window.head)
      if (index !== -1) {
        window.times.splice(index, 1)
        window.ids.splice(index, 1)
      }
      if (liveCount(window) === 0) windows.delete(key)
    },
    size: () => windows.size,
  }
}
