import { createCapturingOtpSender, createControllableClock, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { createOtpVerifier, createSendOtp, type Identifier } from '@resetkit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, STRONG } from './harness.js'

let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness({ maxAttempts: 5 })
})
afterAll(() => harness.close())

describe('brute force', () => {
  it('over HTTP: after 5 wrong codes the right code no longer works', async () => {
    const { token, code } = await harness.sendCode()
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) expect((await harness.reset(token, wrong)).body).toBe('{"error":"bad_email_otp"}')
    expect((await harness.reset(token, code, STRONG)).body).toBe('{"error":"bad_email_otp_token"}')
  })

  it('over HTTP: once an identifier has seen 10 wrong codes, even the right code on a new token is 429 with Retry-After', async () => {
    for (let i = 0; i < 2; i++) {
      const { token, code } = await harness.sendCode('frozen@example.com')
      const wrong = code === '000000' ? '111111' : '000000'
      for (let guess = 0; guess < 5; guess++) expect((await harness.reset(token, wrong, STRONG, 'frozen@example.com')).status).toBe(400)
    }
    const { token, code } = await harness.sendCode('frozen@example.com')
    const refused = await harness.reset(token, code, STRONG, 'frozen@example.com')
    expect([refused.status, (JSON.parse(refused.body) as { error: string }).error]).toEqual([429, 'too_many_requests'])
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000)
    // Unknown identifiers are budgeted exactly alike: the 429 reveals nothing about the account.
    for (let i = 0; i < 2; i++) {
      const { token: t, code: c } = await harness.sendCode('nobody@example.com')
      for (let guess = 0; guess < 5; guess++) await harness.reset(t, c === '000000' ? '111111' : '000000', STRONG, 'nobody@example.com')
    }
    const unknown = await harness.sendCode('nobody@example.com')
    expect((await harness.reset(unknown.token, unknown.code, STRONG, 'nobody@example.com')).status).toBe(429)
  })

  it('guessing across many tokens and clients for one identifier is bounded by its guess budget: ≤ 10 wrong codes compared per rolling hour', async () => {
    const clock = createControllableClock()
    const store = createMemoryOtpStore()
    const windows = createMemoryWindowBudget()
    const sender = createCapturingOtpSender()
    const sendOtp = createSendOtp({ store, windows, sender, clock, resendLimits: { cooldownSeconds: 60, maxPerHour: 10 }, knownAccountsOnly: { phone_number: false } })
    const verifier = createOtpVerifier({ store, windows, clock, maxAttempts: 5 })
    const victim: Identifier = { channel: 'phone_number', value: '+8613800000001' }
    // An attacker with many clients tries every second for 3 hours: new code, then guesses.
    const comparedAt: number[] = []
    for (let second = 0; second < 3 * 3600; second += 1) {
      const sent = await sendOtp({ clientId: `attacker-${second % 7}`, usage: 'reset_password', identifier: victim })
      if (sent.isOk()) {
        for (let guess = 0; guess < 10; guess++) {
          const check = await verifier.verify({ clientId: `attacker-${second % 7}`, usage: 'reset_password', identifier: victim, token: sent.value.otpToken, code: String(100000 + guess) })
          if (check.outcome === 'bad_code') comparedAt.push(clock.now())
        }
      }
      clock.advance(1000)
    }
    // Every rolling hour holds at most 10 compared wrong guesses: a chance of 10 / 10^6 per hour.
    for (const start of comparedAt) {
      expect(comparedAt.filter((at) => at >= start && at < start + 3_600_000).length).toBeLessThanOrEqual(10)
    }
    expect(comparedAt.length).toBeGreaterThan(0)
  }, 60_000)

  it('an account with both an email and a phone number has one budget per identifier: ≤ 20 wrong codes compared per rolling hour, and the attacker reaches 20', async () => {
    const clock = createControllableClock()
    const store = createMemoryOtpStore()
    const windows = createMemoryWindowBudget()
    const sendOtp = createSendOtp({ store, windows, sender: createCapturingOtpSender(), clock, knownAccountsOnly: { phone_number: false } })
    const verifier = createOtpVerifier({ store, windows, clock, maxAttempts: 5 })
    // Which account a wrong code belongs to is unknown until a code is proven, so each identifier counts alone.
    const identifiers: Identifier[] = [
      { channel: 'email', value: 'alice@example.com' },
      { channel: 'phone_number', value: '+8613800000001' },
    ]
    const comparedAt: number[] = []
    for (let minute = 0; minute < 3 * 60; minute++) {
      for (const [i, identifier] of identifiers.entries()) {
        for (const clientId of ['spa', 'native', 'web']) {
          const sent = await sendOtp({ clientId, usage: 'reset_password', identifier })
          if (sent.isErr()) continue
          for (let guess = 0; guess < 5; guess++) {
            const check = await verifier.verify({ clientId, usage: 'reset_password', identifier, token: sent.value.otpToken, code: String(100000 + i * 10 + guess) })
            if (check.outcome === 'bad_code') comparedAt.push(clock.now())
          }
        }
      }
      clock.advance(60_000)
    }
    const perRollingHour = comparedAt.map((start) => comparedAt.filter((at) => at >= start && at < start + 3_600_000).length)
    expect(Math.max(...perRollingHour)).toBe(20)
  }, 60_000)
})
