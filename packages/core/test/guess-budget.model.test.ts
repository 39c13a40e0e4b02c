import { createCapturingOtpSender, createControllableClock, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Identifier } from '../src/index.js'
import { createOtpVerifier } from '../src/otp/verifier.js'
import { createSendOtp } from '../src/send-otp.js'

type Step = { kind: 'wrong' } | { kind: 'right' } | { kind: 'new_code'; client: number } | { kind: 'wait'; minutes: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'wrong' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'right' }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }).map<Step>((client) => ({ kind: 'new_code', client })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map<Step>((minutes) => ({ kind: 'wait', minutes })) },
)

describe('per-identifier guess budget (model-based)', () => {
  it('across any tokens, clients and waits, an identifier sees at most 10 wrong codes compared per rolling hour, and once spent even the right code is throttled', async () => {
    await fc.assert(
      fc.asyncProperty(step.chain((first) => fc.array(step, { maxLength: 60 }).map((rest) => [first, ...rest])), async (steps) => {
        const clock = createControllableClock()
        const store = createMemoryOtpStore()
        const windows = createMemoryWindowBudget()
        const sender = createCapturingOtpSender()
        const sendOtp = createSendOtp({ store, windows, sender, clock, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false }, ttlSeconds: 24 * 3600 })
        // A huge per-token limit isolates the identifier's budget.
        const verifier = createOtpVerifier({ store, windows, clock, maxAttempts: 1000, guessBudget: { maxWrong: 10, windowSeconds: 3600 } })
        const who: Identifier = { channel: 'email', value: 'victim@example.com' }
        const wrongAt: number[] = [] // the model: times of compared wrong codes
        let live: { client: string; token: string; code: string } | undefined
        for (const s of steps) {
          if (s.kind === 'wait') {
            clock.advance(s.minutes * 60_000)
            continue
          }
          if (s.kind === 'new_code' || live === undefined) {
            const client = `client-${s.kind === 'new_code' ? s.client : 0}`
            const sent = (await sendOtp({ clientId: client, usage: 'reset_password', identifier: who }))._unsafeUnwrap()
            live = { client, token: sent.otpToken, code: sender.lastCodeFor(who.value) ?? '' }
            if (s.kind === 'new_code') continue
          }
          const right = s.kind === 'right'
          const code = right ? live.code : live.code === '000000' ? '999999' : '000000'
          const check = await verifier.verify({ clientId: live.client, usage: 'reset_password', identifier: who, token: live.token, code })
          const inWindow = wrongAt.filter((at) => at > clock.now() - 3_600_000).length
          if (inWindow >= 10) {
            expect(check.outcome).toBe('throttled')
          } else {
            expect(check.outcome).toBe(right ? 'valid' : 'bad_code')
            if (!right) wrongAt.push(clock.now())
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('a new code does not reset the failed-attempt count (NIST SP 800-63B rev. 4)', () => {
  it('after k wrong codes and any number of resends within the hour, exactly 10 − k more wrong codes are compared before every check is throttled', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 50 }), async (k, resends, minutesBetween) => {
        const clock = createControllableClock()
        const store = createMemoryOtpStore()
        const windows = createMemoryWindowBudget()
        const sender = createCapturingOtpSender()
        const sendOtp = createSendOtp({ store, windows, sender, clock, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false } })
        const verifier = createOtpVerifier({ store, windows, clock, maxAttempts: 1000, guessBudget: { maxWrong: 10, windowSeconds: 3600 } })
        const who: Identifier = { channel: 'email', value: 'victim@example.com' }
        const send = async () => {
          const sent = (await sendOtp({ clientId: 'web', usage: 'reset_password', identifier: who }))._unsafeUnwrap()
          return { token: sent.otpToken, code: sender.lastCodeFor(who.value) ?? '' }
        }
        const check = (token: string, code: string) => verifier.verify({ clientId: 'web', usage: 'reset_password', identifier: who, token, code })
        const wrong = (code: string) => (code === '000000' ? '111111' : '000000')

        let { token, code } = await send()
        for (let i = 0; i < k; i++) expect((await check(token, wrong(code))).outcome).toBe('bad_code')
        // Resends spread over less than the hour, so every earlier wrong code still counts.
        for (let i = 0; i < resends; i++) {
          clock.advance(Math.floor((minutesBetween * 60_000) / resends))
          ;({ token, code } = await send())
        }
        for (let i = 0; i < 10 - k; i++) expect((await check(token, wrong(code))).outcome).toBe('bad_code')
        expect((await check(token, wrong(code))).outcome).toBe('throttled')
        expect((await check(token, code)).outcome).toBe('throttled')
      }),
      { numRuns: 150 },
    )
  })
})
