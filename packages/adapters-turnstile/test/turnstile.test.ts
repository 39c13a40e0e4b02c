import { createCapturingOtpSender, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { createSendOtp, PortUnavailableError } from '@resetkit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTurnstileCheck, TurnstileMisconfiguredError, type TurnstileCheckOptions } from '../src/index.js'
import { startLocalTurnstile, type LocalTurnstile } from '../src/testing/index.js'

let siteverify: LocalTurnstile
beforeAll(async () => {
  siteverify = await startLocalTurnstile()
})
afterAll(() => siteverify.close())

let serial = 0
const HOST = 'app.example.com'
const check = (overrides: Partial<TurnstileCheckOptions> = {}) =>
  createTurnstileCheck({ secret: siteverify.secret, expectedHostnames: [HOST], siteverifyUrl: siteverify.url, timeoutMs: 500, ...overrides })
/** A token the widget minted on `hostname`, as a visitor would present it. */
const minted = (details: { hostname?: string; action?: string; solvedAt?: number } = {}) => {
  const token = `0.token-${++serial}`
  siteverify.issue(token, { hostname: details.hostname ?? HOST, ...details })
  return token
}
const asked = (token: string, remoteIp?: string) => ({ token, clientId: 'web', ...(remoteIp === undefined ? {} : { remoteIp }) })

describe('createTurnstileCheck against a local siteverify', () => {
  it('a fresh token minted on our hostname is human; siteverify got the secret, the token, the IP and an idempotency key', async () => {
    const token = minted()
    await expect(check().verify(asked(token, '203.0.113.9'))).resolves.toBe(true)
    expect(siteverify.calls.at(-1)).toEqual({ secret: siteverify.secret, response: token, remoteip: '203.0.113.9', idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) })
  })

  it.each([
    ['a spent token (single use)', () => {
      const token = minted()
      return { token, before: () => check().verify(asked(token)) }
    }],
    ['an unknown token', () => ({ token: 'forged' })],
    ['a token minted on another site', () => ({ token: minted({ hostname: 'evil.example' }) })],
  ])('%s is not human', async (_name, make) => {
    const { token, before } = make() as { token: string; before?: () => Promise<boolean> }
    if (before !== undefined) await before()
    await expect(check().verify(asked(token))).resolves.toBe(false)
  })

  it('a token for another action, or solved longer ago than maxAgeSeconds, is not human', async () => {
    await expect(check({ expectedAction: 'otp_send' }).verify(asked(minted({ action: 'login' })))).resolves.toBe(false)
    await expect(check({ expectedAction: 'otp_send' }).verify(asked(minted({ action: 'otp_send' })))).resolves.toBe(true)
    await expect(check({ maxAgeSeconds: 60 }).verify(asked(minted({ solvedAt: Date.now() - 120_000 })))).resolves.toBe(false)
  })

  it('a wrong secret is a configuration error the operator sees, not a verdict; it never quotes the secret', async () => {
    const failure = await check({ secret: 'wrong-secret-value' }).verify(asked(minted())).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TurnstileMisconfiguredError)
    expect(String(failure)).not.toContain('wrong-secret-value')
  })

  it.each(['internal-error', 'status-500', 'not-json', 'down', 'slow'] as const)('siteverify %s → fail-closed (PortUnavailableError), unless the unsafe option says otherwise', async (behaviour) => {
    siteverify.behave(behaviour)
    try {
      const token = minted()
      const failure = await check().verify(asked(token)).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(PortUnavailableError)
      expect(String((failure as Error).cause)).not.toContain(token)
      await expect(check({ unsafeAllowWhenUnreachable: true }).verify(asked(minted()))).resolves.toBe(true)
    } finally {
      siteverify.behave('ok')
    }
  })

  it('an answer lost on the way is asked again with the same idempotency key, and the spent token still counts as the first answer', async () => {
    siteverify.behave('lose-next-answer')
    const before = siteverify.calls.length
    await expect(check().verify(asked(minted()))).resolves.toBe(true)
    const [first, retry] = siteverify.calls.slice(before)
    expect(retry?.idempotencyKey).toBe(first?.idempotencyKey)
  })

  it('refuses a plain-http siteverify URL off loopback, an empty secret and no hostnames at start-up', () => {
    expect(() => check({ siteverifyUrl: 'http://siteverify.example/turnstile/v0/siteverify' })).toThrow(/https/)
    expect(() => check({ secret: '' })).toThrow(TypeError)
    expect(() => check({ expectedHostnames: [] })).toThrow(TypeError)
  })

  it('as the send path’s human check: no code goes out for a bot or while siteverify is down', async () => {
    const sender = createCapturingOtpSender()
    const sendOtp = createSendOtp({ store: createMemoryOtpStore(), windows: createMemoryWindowBudget(), sender, humanCheck: check(), knownAccountsOnly: { phone_number: false } })
    const command = { clientId: 'web', usage: 'reset_password' as const, identifier: { channel: 'email' as const, value: 'alice@example.com' } }
    expect((await sendOtp({ ...command, humanCheckToken: 'forged' }))._unsafeUnwrapErr().code).toBe('human_check_failed')
    siteverify.behave('down')
    expect((await sendOtp({ ...command, humanCheckToken: minted() }))._unsafeUnwrapErr().code).toBe('temporarily_unavailable')
    siteverify.behave('ok')
    expect((await sendOtp({ ...command, humanCheckToken: minted() })).isOk()).toBe(true)
    expect(sender.deliveries).toHaveLength(1)
  })
})
