import { createCapturingOtpSender, createControllableClock, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { describe, expect, it } from 'vitest'
import type { Identifier, RandomSource } from '../src/index.js'
import { createSendOtp, type SendOtpDeps } from '../src/send-otp.js'
import { createOtpVerifier } from '../src/otp/verifier.js'

const alice: Identifier = { channel: 'email', value: 'alice@example.com' }
const command = { clientId: 'web', usage: 'reset_password', identifier: alice } as const

function setup(overrides: Partial<SendOtpDeps> = {}) {
  const store = createMemoryOtpStore()
  const sender = createCapturingOtpSender()
  const clock = createControllableClock()
  const sendOtp = createSendOtp({ store, windows: createMemoryWindowBudget(), sender, clock, knownAccountsOnly: { phone_number: false }, ...overrides })
  return { store, sender, clock, sendOtp }
}

describe('sendOtp', () => {
  it('returns a URL-safe token of 256 bits and delivers a 6-digit code with its expiry', async () => {
    const { sendOtp, sender, clock } = setup()
    const sent = (await sendOtp(command))._unsafeUnwrap()
    expect(sent.otpToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(sender.deliveries).toEqual([
      { channel: 'email', to: alice.value, code: expect.stringMatching(/^\d{6}$/), usage: 'reset_password', expiresAt: clock.now() + 300_000 },
    ])
  })

  it('stores neither the token nor the code in the clear', async () => {
    const { sendOtp, sender, store } = setup()
    const { otpToken } = (await sendOtp(command))._unsafeUnwrap()
    const { tokenIdOf } = await import('../src/otp/secrets.js')
    const stored = JSON.stringify(await store.findByTokenId(tokenIdOf(otpToken)))
    expect(stored).not.toContain(otpToken)
    expect(stored).not.toContain(sender.deliveries[0]?.code)
  })

  it('takes codes from the RandomSource port, with the configured length', async () => {
    const fixed: RandomSource = { bytes: (n) => new Uint8Array(n).fill(7) }
    const { sendOtp, sender } = setup({ random: fixed, codeLength: 8 })
    await sendOtp(command)
    expect(sender.deliveries[0]?.code).toBe('77777777')
  })

  it('never draws a code digit from a biased byte (≥ 250)', async () => {
    let calls = 0
    const biased: RandomSource = { bytes: (n) => new Uint8Array(n).fill(calls++ === 0 ? 255 : 3) }
    const { sendOtp, sender } = setup({ random: biased })
    await sendOtp(command)
    expect(sender.deliveries[0]?.code).toBe('333333')
  })

  it('refuses a resend within the cooldown with the seconds to wait, then allows it', async () => {
    const { sendOtp, clock } = setup({ resendLimits: { cooldownSeconds: 60, maxPerHour: 10 } })
    expect((await sendOtp(command)).isOk()).toBe(true)
    clock.advance(20_000)
    expect((await sendOtp(command))._unsafeUnwrapErr()).toMatchObject({ code: 'too_many_requests', retryAfterSeconds: 40 })
    clock.advance(40_000)
    expect((await sendOtp(command)).isOk()).toBe(true)
  })

  it('caps codes per flow (client, usage, identifier) per hour, and the window moves on', async () => {
    const { sendOtp, clock } = setup({ resendLimits: { cooldownSeconds: 0, maxPerHour: 3 } })
    for (let i = 0; i < 3; i++) expect((await sendOtp(command)).isOk()).toBe(true)
    expect((await sendOtp(command))._unsafeUnwrapErr().code).toBe('too_many_requests')
    // Other flows of the same identifier, and other identifiers, are not touched.
    expect((await sendOtp({ ...command, clientId: 'spa' })).isOk()).toBe(true)
    expect((await sendOtp({ ...command, usage: 'login' })).isOk()).toBe(true)
    expect((await sendOtp({ ...command, identifier: { channel: 'email', value: 'bob@example.com' } })).isOk()).toBe(true)
    clock.advance(3_600_000)
    expect((await sendOtp(command)).isOk()).toBe(true)
  })

  it('caps codes per inbox per hour across every client and usage, however the address is spelled', async () => {
    const { sendOtp } = setup({ resendLimits: { cooldownSeconds: 0, maxPerHour: 10, inboxMaxPerHour: 4 } })
    const spellings = ['alice@example.com', 'alice+a@example.com', 'alice@example.com.', 'alice+b@EXAMPLE.com']
    for (const [i, value] of spellings.entries()) {
      const clientId = ['web', 'spa', 'native', 'web'][i] ?? 'web'
      expect((await sendOtp({ clientId, usage: i === 3 ? 'login' : 'reset_password', identifier: { channel: 'email', value: value.toLowerCase() } })).isOk()).toBe(true)
    }
    expect((await sendOtp({ ...command, clientId: 'spa', usage: 'signup' }))._unsafeUnwrapErr().code).toBe('too_many_requests')
  })

  it('by email (not known-accounts-only by default), delivers to an unknown identifier too: the user store is never asked', async () => {
    const { sendOtp, sender } = setup()
    const unknown = await sendOtp({ ...command, identifier: { channel: 'email', value: 'nobody@example.com' } })
    expect(unknown.isOk()).toBe(true)
    expect(sender.deliveries).toHaveLength(1)
  })

  it('a failing sender is the CIAM’s typed temporarily_unavailable, not a throw', async () => {
    const { sendOtp } = setup({ sender: { send: async () => Promise.reject(new Error('smtp down')) } })
    expect((await sendOtp(command))._unsafeUnwrapErr()).toMatchObject({ code: 'temporarily_unavailable', port: 'otp.send', description: 'Failed to send OTP. Please try again later.' })
  })

  it('refuses nonsense configuration at construction', () => {
    expect(() => setup({ ttlSeconds: 0 })).toThrow(TypeError)
    expect(() => setup({ codeLength: 0 })).toThrow(TypeError)
  })

  it('refuses limits without a budget to count them in, rather than sending unlimited: the limits are on by default', () => {
    const store = createMemoryOtpStore()
    const sender = createCapturingOtpSender()
    const noUsers = { knownAccountsOnly: { phone_number: false } }
    expect(() => createSendOtp({ store, sender, ...noUsers })).toThrow(/WindowBudget/)
    expect(() => createSendOtp({ store, sender, resendLimits: false, ...noUsers })).toThrow(/WindowBudget/)
    expect(() => createOtpVerifier({ store })).toThrow(/WindowBudget/)
    expect(() => createSendOtp({ store, sender, resendLimits: false, deliveryBudgets: false, ...noUsers })).not.toThrow()
    // SMS to known accounts only is on by default, so it needs the accounts.
    expect(() => createSendOtp({ store, sender, resendLimits: false, deliveryBudgets: false })).toThrow(/knownAccountsOnly needs `users`/)
    expect(() => createOtpVerifier({ store, guessBudget: false })).not.toThrow()
  })
})
