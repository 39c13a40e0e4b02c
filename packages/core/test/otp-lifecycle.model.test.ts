import { createControllableClock, createMemoryOtpStore } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createOtpVerifier } from '../src/otp/verifier.js'
import type { OtpAttempt, OtpCheck } from '../src/ports.js'
import { createSendOtp } from '../src/send-otp.js'
import { otpStepsArbitrary } from '@resetkit/testing'
import { createCapturingOtpSender } from '@resetkit/adapters-memory'

const TTL_MS = 300_000

interface Model {
  now: number
  issuedAt: number
  attempts: number
  consumed: boolean
}

/** What a check should answer, from the model alone. */
function expected(model: Model, right: boolean, max: number): OtpCheck['outcome'] {
  if (model.consumed || model.now >= model.issuedAt + TTL_MS || model.attempts >= max) return 'bad_token'
  return right ? 'valid' : 'bad_code'
}

describe('OTP lifecycle (model-based)', () => {
  it('for any sequence of guesses, resends and waits, the verifier answers as the model: N wrong codes kill a token, a resend retires the old one, the right code works once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), otpStepsArbitrary(25), async (max, steps) => {
        const clock = createControllableClock()
        const store = createMemoryOtpStore()
        const sender = createCapturingOtpSender()
        const sendOtp = createSendOtp({ store, sender, clock, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false }, ttlSeconds: TTL_MS / 1000 })
        // Per-token rules only: the identifier's guess budget has its own model test.
        const verifier = createOtpVerifier({ store, clock, maxAttempts: max, guessBudget: false })
        const identifier = { channel: 'email', value: 'alice@example.com' } as const
        const issue = async () => {
          const { otpToken } = (await sendOtp({ clientId: 'web', usage: 'reset_password', identifier }))._unsafeUnwrap()
          return { token: otpToken, code: sender.lastCodeFor(identifier.value) ?? '' }
        }
        let live = await issue()
        let retired: string | undefined
        const model: Model = { now: clock.now(), issuedAt: clock.now(), attempts: 0, consumed: false }
        const attempt = (code: string, token = live.token): OtpAttempt => ({ clientId: 'web', usage: 'reset_password', identifier, token, code })

        for (const step of steps) {
          if (step.kind === 'advance') {
            clock.advance(step.ms)
            model.now += step.ms
          } else if (step.kind === 'resend') {
            retired = live.token
            live = await issue()
            Object.assign(model, { issuedAt: model.now, attempts: 0, consumed: false })
          } else {
            const right = step.kind === 'right_code'
            const code = right ? live.code : live.code === '000000' ? '999999' : '000000'
            const check = await verifier.verify(attempt(code))
            const want = expected(model, right, max)
            expect(check.outcome).toBe(want)
            if (want === 'bad_code') model.attempts++
            if (want === 'valid') {
              expect(await verifier.consume(attempt(code))).toBe('won')
              model.consumed = true
            }
          }
          if (retired !== undefined) {
            expect(await verifier.verify(attempt(live.code, retired))).toEqual({ outcome: 'bad_token', reason: 'unknown' })
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  it('50 parallel guesses at one token get at most maxAttempts comparisons', async () => {
    const clock = createControllableClock()
    const store = createMemoryOtpStore()
    const sender = createCapturingOtpSender()
    const sendOtp = createSendOtp({ store, sender, clock, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false } })
    const verifier = createOtpVerifier({ store, clock, maxAttempts: 5, guessBudget: false })
    const identifier = { channel: 'email', value: 'alice@example.com' } as const
    const { otpToken } = (await sendOtp({ clientId: 'web', usage: 'reset_password', identifier }))._unsafeUnwrap()
    const right = sender.lastCodeFor(identifier.value)
    const guesses = Array.from({ length: 50 }, (_, i) => String(i).padStart(6, '0')).filter((guess) => guess !== right)
    const checks = await Promise.all(guesses.map((code) => verifier.verify({ clientId: 'web', usage: 'reset_password', identifier, token: otpToken, code })))
    expect(checks.filter((check) => check.outcome === 'bad_code')).toHaveLength(5)
    expect(checks.filter((check) => check.outcome === 'bad_token')).toHaveLength(guesses.length - 5)
  })
})
