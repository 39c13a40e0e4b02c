import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OtpStore, PasswordHasher, UserStore, WindowBudget } from '../src/index.js'
import { withHashAndCompare } from './batching-hasher.js'
import { faulty, type Fault } from './faults.js'
import { createFastTestHasher } from '@resetkit/testing'
import { ALICE, aliceEmail, makeWorld } from './world.js'
import { createMemoryOtpStore, createMemoryUserStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'

describe('port failures', () => {
  it('a port failure at any step (throw, reject, hang, unavailable) leaves the password and history unchanged, and is a typed error', async () => {
    await fc.assert(
      // With and without hashAndCompare: a hasher that offers it is asked one call, not N + 1.
      fc.asyncProperty(fc.integer({ min: 1, max: 14 }), fc.constantFrom<Fault>('throw', 'reject', 'hang', 'unavailable'), fc.boolean(), async (failAt, fault, batching) => {
        const plan = { calls: [] as string[], failAt, fault, armed: false }
        const hasher: PasswordHasher = faulty('hasher', batching ? withHashAndCompare(createFastTestHasher()) : createFastTestHasher(), plan)
        const memoryOtp = createMemoryOtpStore()
        const otpStore: OtpStore = faulty('otpStore', memoryOtp, plan)
        const windows: WindowBudget = faulty('windows', createMemoryWindowBudget(), plan)
        const seedHasher = createFastTestHasher()
        const memoryUsers = createMemoryUserStore([{ ...ALICE, passwordHash: await seedHasher.hash('Initial-Passw0rd!'), passwordHistory: [await seedHasher.hash('older-password')] }])
        const users: UserStore = faulty('users', memoryUsers, plan)
        const world = await makeWorld({ hasher, otpStore, windows, users, reset: { portTimeoutMs: 15 } })
        const { token, code } = await world.requestCode(aliceEmail)
        const before = memoryUsers.get(ALICE.id)
        plan.armed = true
        const result = await world.reset({ clientId: 'web', password: 'Correct-Horse-Battery-9', identifier: aliceEmail, otpToken: token, otp: code })
        plan.armed = false
        const after = memoryUsers.get(ALICE.id)
        if (result.isOk()) {
          // The fault fell past the last port call: the reset is whole.
          expect(plan.calls.length).toBeLessThan(failAt)
          expect(after?.passwordHistory[0]).toBe(before?.passwordHash)
          return
        }
        // A bug is a 500; a store that cannot answer, by time-out or by its own word, a 503.
        expect(result.error.code).toBe(fault === 'hang' || fault === 'unavailable' ? 'temporarily_unavailable' : 'server_error')
        expect(after).toEqual(before)
        // And the code is left usable: the user can simply try again.
        const retry = await world.reset({ clientId: 'web', password: 'Correct-Horse-Battery-9', identifier: aliceEmail, otpToken: token, otp: code })
        const lostCode = ['otpStore.release', 'otpStore.refundAttempt', 'windows.release'].includes(plan.calls[failAt - 1] ?? '')
        if (!lostCode) expect(retry.isOk()).toBe(true)
      }),
      { numRuns: 120 },
    )
  })
})
