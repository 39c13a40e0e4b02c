import type { SessionRevoker } from '@resetkit/core'

export interface MemorySessionStore extends SessionRevoker {
  /** Records a signed-in session (demo, tests). */
  add(userId: string, sessionId: string): void
  /** Sessions a user still has. */
  count(userId: string): number
}

/** Sessions per user in a Map; revoking is one synchronous step, so it is atomic. */
export function createMemorySessionStore(seed: readonly { readonly userId: string; readonly sessionId: string }[] = []): MemorySessionStore {
  const sessions = new Map<string, Set<string>>()
  const add = (userId: string, sessionId: string): void => {
    sessions.set(userId, (sessions.get(userId) ?? new Set()).add(sessionId))
  }
  seed.forEach(({ userId, sessionId }) => add(userId, sessionId))
  return {
    add,
    count: (userId) => sessions.get(userId)?.size ?? 0,
    async revokeAllForUser(userId, options) {
      const held = sessions.get(userId)
      if (held === undefined) return 0
      const kept = options?.except !== undefined && held.has(options.except) ? options.except : undefined
      const revoked = held.size - (kept === undefined ? 0 : 1)
      if (kept === undefined) sessions.delete(userId)
      else sessions.set(userId, new Set([kept]))
      return revoked
    },
  }
}
