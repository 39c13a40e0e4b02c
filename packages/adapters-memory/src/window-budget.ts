import type { GuessReservationOutcome } from '@resetkit/core'

export interface WindowEntry {
  readonly at: number
  readonly id: string
}

export interface WindowRequest {
  readonly key: string
  readonly now: number
  /** 0 for no cooldown (guesses); sends wait this long after the last one. */
  readonly cooldownMs: number
  readonly maxPerWindow: number
  readonly windowMs: number
}

let nextId = 0

/**
 * The one sliding-window budget behind both send limits and guess budgets (Redis runs the same
 * rule as one Lua script). Synchronous, so atomic against concurrent calls.
 */
export function reserveInWindow(windows: Map<string, WindowEntry[]>, request: WindowRequest): GuessReservationOutcome {
  const { key, now, cooldownMs, maxPerWindow, windowMs } = request
  const recent = (windows.get(key) ?? []).filter((entry) => entry.at > now - windowMs)
  windows.set(key, recent)
  const last = recent.at(-1)
  if (last !== undefined && now - last.at < cooldownMs) return { allowed: false, retryAfterMs: cooldownMs - (now - last.at) }
  if (recent.length >= maxPerWindow) return { allowed: false, retryAfterMs: (recent[0]?.at ?? now) + windowMs - now }
  const id = String(++nextId)
  recent.push({ at: now, id })
  return { allowed: true, id }
}

/** Takes an entry back out of its window (a guess whose code proved right). */
export function removeFromWindow(windows: Map<string, WindowEntry[]>, key: string, id: string): void {
  const kept = (windows.get(key) ?? []).filter((entry) => entry.id !== id)
  if (kept.length === 0) windows.delete(key)
  else windows.set(key, kept)
}
