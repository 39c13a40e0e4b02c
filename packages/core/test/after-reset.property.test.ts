import { createCapturingNotifier, createMemorySessionStore } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EffectReport, SessionRevoker } from '../src/index.js'
import { aliceEmail, makeWorld } from './world.js'

const fast = { attempts: 3, backoffMs: 1, timeoutMs: 50 }

describe('after a reset: sessions revoked and the user notified', () => {
  it('for any mix of accepted and refused passwords, each effect runs exactly once per successful reset and never after a refused one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('good', 'short', 'again'), { minLength: 1, maxLength: 8 }), async (plan) => {
        const sessions = createMemorySessionStore()
        const notifier = createCapturingNotifier()
        let revocations = 0
        const counting: SessionRevoker = { revokeAllForUser: (userId) => (revocations++, sessions.revokeAllForUser(userId)) }
        const world = await makeWorld({ reset: { sessions: counting, notifier, afterReset: fast } })
        let successes = 0
        let last = 'Initial-Passw0rd!'
        for (const [i, kind] of plan.entries()) {
          sessions.add('alice', `session-${i}`)
          const password = kind === 'good' ? `Fresh-Password-${i}` : kind === 'short' ? 'x' : last
          const result = await world.resetWith(password)
          if (result.isOk()) {
            successes++
            last = password
            const reports = await result.value.effects
            expect(reports.map((report) => report.ok)).toEqual([true, true])
            expect(sessions.count('alice')).toBe(0)
          }
        }
        expect(revocations).toBe(successes)
        expect(notifier.notices).toHaveLength(successes)
        for (const notice of notifier.notices) {
          expect(notice).toMatchObject({ event: 'password_changed', userId: 'alice', channel: 'email', to: aliceEmail.value })
          // The notice carries no secret: only these five fields exist.
          expect(Object.keys(notice).sort()).toEqual(['at', 'channel', 'event', 'to', 'userId'])
        }
      }),
      { numRuns: 60 },
    )
  })

  it('a failing effect is retried, then reported once, and the reset still succeeds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), fc.constantFrom('throw', 'reject', 'hang'), async (failures, how) => {
        let calls = 0
        const flaky: SessionRevoker = {
          revokeAllForUser: async () => {
            if (calls++ < failures) {
              if (how === 'throw') throw new Error('session store down')
              if (how === 'reject') return Promise.reject(new Error('session store down'))
              return new Promise<number>(() => {})
            }
            return 1
          },
        }
        const failed: EffectReport[] = []
        const world = await makeWorld({ reset: { sessions: flaky, afterReset: fast, onEffectFailed: (report) => void failed.push(report) } })
        const result = await world.resetWith('Fresh-Password-1')
        expect(result.isOk()).toBe(true)
        const [report] = result.isOk() ? await result.value.effects : []
        expect(report?.ok).toBe(failures < 3)
        expect(report?.attempts).toBe(Math.min(failures + 1, 3))
        expect(failed).toHaveLength(failures < 3 ? 0 : 1)
        expect(calls).toBe(Math.min(failures + 1, 3))
      }),
      { numRuns: 40 },
    )
  })

  it("a host hook that throws does not turn the effects into a rejection", async () => {
    const world = await makeWorld({
      reset: { sessions: { revokeAllForUser: () => Promise.reject(new Error('down')) }, afterReset: fast, onEffectFailed: () => { throw new Error('logger down') } },
    })
    const result = await world.resetWith('Fresh-Password-1')
    await expect(result._unsafeUnwrap().effects).resolves.toHaveLength(1)
  })
})
