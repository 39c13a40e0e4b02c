import { createCapturingAuditLog } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeWorld } from './world.js'

const WINDOW = 15 * 60_000
const MAX_WRONG = 5
const RIGHT = 'Initial-Passw0rd!'

// A step is one attempt, or a burst of attempts sent at once; right ones carry a new password
// the policy refuses, so the old password stays the current one throughout.
const attempt = fc.constantFrom('wrong', 'right')
const step = fc.record({
  attempts: fc.oneof({ arbitrary: fc.array(attempt, { minLength: 1, maxLength: 1 }), weight: 3 }, { arbitrary: fc.array(attempt, { minLength: 2, maxLength: 8 }), weight: 1 }),
  advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 * 60_000 }), fc.integer({ min: 0, max: 2 * WINDOW })),
})

describe('the old-password budget', () => {
  let spentRefusals = 0
  it('in any interleaving, at most 5 wrong old passwords per user are compared in any 15 minutes; sent one at a time, an attempt is refused exactly when 5 are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const log = createCapturingAuditLog()
        const world = await makeWorld({ audit: { log, pseudonymKey: 'k'.repeat(32) } })
        const compared: number[] = []
        for (const { attempts, advanceMs } of steps) {
          world.clock.advance(advanceMs)
          const now = world.clock.now()
          const inWindow = compared.filter((at) => at > now - WINDOW).length
          const results = await Promise.all(attempts.map((kind) => world.changeWith(kind === 'right' ? RIGHT : `guess-${Math.random()}`, 'short')))
          for (const [i, result] of results.entries()) {
            const code = result._unsafeUnwrapErr().code
            if (code === 'wrong_old_password') compared.push(now)
            // Alone, an attempt is refused exactly when the model says the budget is spent.
            if (attempts.length === 1) {
              expect(code).toBe(inWindow >= MAX_WRONG ? 'too_many_requests' : attempts[i] === 'right' ? 'invalid_new_password' : 'wrong_old_password')
              if (inWindow >= MAX_WRONG && attempts[i] === 'right') spentRefusals++
            } else {
              expect(['too_many_requests', 'wrong_old_password', 'invalid_new_password']).toContain(code)
            }
          }
          // The bound, over every window ending now.
          expect(compared.filter((at) => at > now - WINDOW).length).toBeLessThanOrEqual(MAX_WRONG)
        }
        // The audit trail tells the same story: one rejection event per compared wrong guess.
        expect(log.ofType('password_change_rejected').filter((event) => event.code === 'wrong_old_password')).toHaveLength(compared.length)
      }),
      { numRuns: 200 },
    )
    // The generator must reach a spent budget met by the right password, the case that must not leak.
    expect(spentRefusals).toBeGreaterThan(10)
  })
})
