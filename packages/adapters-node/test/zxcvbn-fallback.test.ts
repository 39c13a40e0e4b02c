import { describe, expect, it } from 'vitest'
import { createCapturingOtpSender, createMemoryOtpStore, createMemoryWindowBudget, createMemoryUserStore } from '@resetkit/adapters-memory'
import { createOtpVerifier, createPasswordPolicy, createResetPassword, createSendOtp, type StrengthEstimator } from '@resetkit/core'
import { createFastTestHasher } from '@resetkit/testing'
import { createZxcvbnEstimator, loadZxcvbn, type FastMatchersFallback } from '../src/zxcvbn/estimator.js'

/** A reset on memory adapters with this estimator in the policy: a fresh code, then the reset. */
async function resetWith(estimator: StrengthEstimator, password: string) {
  const identifier = { channel: 'email', value: 'alice@example.com' } as const
  const store = createMemoryOtpStore()
  const windows = createMemoryWindowBudget()
  const sender = createCapturingOtpSender()
  const hasher = createFastTestHasher()
  const users = createMemoryUserStore([{ id: 'alice', email: identifier.value, phoneNumber: null, status: 'active', names: [], passwordHash: await hasher.hash('Initial-Passw0rd!'), passwordHistory: [] }])
  const policy = createPasswordPolicy({ history: 5, strength: { minScore: 3, estimator }, commonPasswords: false })
  const reset = createResetPassword({ users, otp: createOtpVerifier({ store, windows }), policy, hasher })
  const sent = (await createSendOtp({ store, windows, sender, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false } })({ clientId: 'web', usage: 'reset_password', identifier }))._unsafeUnwrap()
  return reset({ clientId: 'web', password, identifier, otpToken: sent.otpToken, otp: sender.lastCodeFor(identifier.value) ?? '' })
}

const SAMPLES = ['Violet-Staircase-Orbit-42', 'password1', 'C0ff334nn0yin9', 'correct horse battery staple', 'Tr0ub4dor&3']

describe('the fast zxcvbn matchers fail soft', () => {
  it('a deep import that rejects leaves the library’s own matchers, with the same scores, and says so once', async () => {
    const reasons: FastMatchersFallback[] = []
    const broken = createZxcvbnEstimator({ loadFastMatcherParts: () => Promise.reject(new Error('Cannot find module')), onFallback: (reason) => reasons.push(reason) })
    const { zxcvbn: stock } = await loadZxcvbn({}, { fastMatchers: false })
    for (const password of SAMPLES) expect(await broken.estimate(password, ['alice'])).toBe(stock.check(password, ['alice']).score)
    expect(reasons).toEqual(['load_failed'])
  })

  it('any zxcvbn-ts release but the checked one gets the library’s own matchers', async () => {
    const reasons: FastMatchersFallback[] = []
    const loaded = await loadZxcvbn({}, { loadFastMatcherParts: async () => ({ version: '4.3.0' }), onFallback: (reason) => reasons.push(reason) })
    expect([loaded.fastMatchers, reasons]).toEqual([false, ['other_version']])
    expect((await loadZxcvbn({})).fastMatchers).toBe(true)
  })

  it('a failed load is never cached: the next check loads again', async () => {
    let calls = 0
    const estimator = createZxcvbnEstimator({
      loadFastMatcherParts: () => Promise.reject(new Error('moved')),
      onFallback: () => {
        if (calls++ === 0) throw new Error('first load fails')
      },
    })
    await expect(estimator.estimate('Violet-Staircase-Orbit-42', [])).rejects.toThrow('first load fails')
    expect(await estimator.estimate('Violet-Staircase-Orbit-42', [])).toBeGreaterThanOrEqual(3)
    expect(calls).toBe(2)
  })

  it('resets with a valid code keep working on the library’s matchers when the fast ones cannot load', async () => {
    const estimator = createZxcvbnEstimator({ loadFastMatcherParts: () => Promise.reject(new Error('moved')), onFallback: () => {} })
    expect((await resetWith(estimator, 'Violet-Staircase-Orbit-42')).isOk()).toBe(true)
    expect((await resetWith(estimator, 'password1'))._unsafeUnwrapErr().code).toBe('invalid_new_password')
  })
})
