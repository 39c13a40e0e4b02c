import { describe, expect, it } from 'vitest'
import type { SessionRevoker } from '@resetkit/core'

export interface SessionRevokerContractOptions {
  readonly name: string
  /** A fresh revoker holding exactly these sessions. */
  readonly make: (sessions: readonly { readonly userId: string; readonly sessionId: string }[]) => SessionRevoker | Promise<SessionRevoker>
}

/**
 * @example
 * describeSessionRevokerContract({ name: 'memory', make: createMemorySessionStore })
 */
export function describeSessionRevokerContract({ name, make }: SessionRevokerContractOptions): void {
  describe(`SessionRevoker contract: ${name}`, () => {
    it("revokes every session of one user, counts them, and leaves other users' alone", async () => {
      const revoker = await make([
        { userId: 'u1', sessionId: 's1' },
        { userId: 'u1', sessionId: 's2' },
        { userId: 'u2', sessionId: 's3' },
      ])
      expect(await revoker.revokeAllForUser('u1')).toBe(2)
      expect(await revoker.revokeAllForUser('u1')).toBe(0)
      expect(await revoker.revokeAllForUser('u2')).toBe(1)
      expect(await revoker.revokeAllForUser('nobody')).toBe(0)
    })

    it('after a signed-in change, keeps the session it came from (`except`) and ends every other; an unknown `except` keeps none', async () => {
      const revoker = await make([
        { userId: 'u1', sessionId: 'here' },
        { userId: 'u1', sessionId: 'phone' },
        { userId: 'u1', sessionId: 'laptop' },
        { userId: 'u2', sessionId: 'other-user' },
      ])
      expect(await revoker.revokeAllForUser('u1', { except: 'here' })).toBe(2)
      expect(await revoker.revokeAllForUser('u1', { except: 'here' })).toBe(0)
      // Another user's session id is not a way to keep one of u1's, nor to touch u2's.
      expect(await revoker.revokeAllForUser('u1', { except: 'other-user' })).toBe(1)
      expect(await revoker.revokeAllForUser('u2', { except: 'here' })).toBe(1)
    })

    it('of parallel revocations for one user, the counts add up to its sessions exactly once', async () => {
      const revoker = await make(Array.from({ length: 7 }, (_, i) => ({ userId: 'u1', sessionId: `s${i}` })))
      const counts = await Promise.all(Array.from({ length: 20 }, () => revoker.revokeAllForUser('u1')))
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(7)
    })
  })
}
