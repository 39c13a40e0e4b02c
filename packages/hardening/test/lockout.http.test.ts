import { createOtpVerifier, createSendOtp } from '@resetkit/core'
import { tokenIdOf } from '@resetkit/core/internal'
import { createCapturingOtpSender, createControllableClock, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { createDefaultRateLimits, createResetkitHttp, type HttpRequest } from '@resetkit/http'
import { basicAuth, makeHttpWorld, WEB_CLIENT } from '@resetkit/testing/http'
import { describe, expect, it } from 'vitest'

const VICTIM = 'alice@example.com'
// `null`: the transport knows no address for the caller.
const post = (path: string, body: unknown, authorization: string | undefined, clientIp: string | null = '203.0.113.7'): HttpRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
  body: { kind: 'text', text: JSON.stringify(body) },
  ...(clientIp === null ? {} : { clientIp }),
})

async function worldWithDefaultLimits() {
  const { deps, sender } = await makeHttpWorld({ rateLimit: createDefaultRateLimits() })
  return { http: createResetkitHttp(deps), sender }
}

describe('strangers cannot lock a user out of reset', () => {
  it('refused requests that name the victim (unknown client, wrong secret, broken credentials, bad body) never spend the victim’s identifier budget', async () => {
    const { http } = await worldWithDefaultLimits()
    // Each from its own address, so the per-IP limit (60 a minute) is not what stops them.
    const refused = [
      () => post('/otp/send', { usage: 'reset_password', email: VICTIM }, basicAuth('nosuchclient', 'x')),
      () => post('/otp/send', { usage: 'reset_password', email: VICTIM }, basicAuth(WEB_CLIENT.id, 'wrong secret')),
      () => post('/otp/send', { usage: 'reset_password', email: VICTIM }, 'Basic !!!not-base64'),
      () => post('/reset_user_password', { email: VICTIM, password: 'x' }, basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret)),
      () => post('/otp/send', { usage: 'no_such_usage', email: VICTIM }, basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret)),
    ]
    for (let i = 0; i < 60; i++) {
      const request = refused[i % refused.length]?.() ?? refused[0]!()
      const response = await http({ ...request, clientIp: `198.51.100.${i}` })
      expect([400, 401]).toContain(response.status)
    }
    const own = await http(post('/otp/send', { usage: 'reset_password', email: VICTIM }, basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret), '192.0.2.1'))
    expect(own.status).toBe(200)
  })

  it('a stranger’s sends through the public client, for another usage, neither refuse the victim’s reset code nor retire its token', async () => {
    const clock = createControllableClock()
    const store = createMemoryOtpStore()
    const windows = createMemoryWindowBudget()
    const sendOtp = createSendOtp({ store, windows, sender: createCapturingOtpSender(), clock, knownAccountsOnly: { phone_number: false } })
    const victim = { channel: 'email', value: VICTIM } as const
    const mine = await sendOtp({ clientId: 'web', usage: 'reset_password', identifier: victim })
    // One send every 61 s for 20 minutes: the old single window of 10 an hour was full after 10.
    for (let i = 0; i < 20; i++) {
      clock.advance(61_000)
      await sendOtp({ clientId: 'spa', usage: 'login', identifier: victim })
    }
    expect(await store.findByTokenId(tokenIdOf(mine._unsafeUnwrap().otpToken))).not.toBeNull()
    clock.advance(1_000)
    expect((await sendOtp({ clientId: 'web', usage: 'reset_password', identifier: victim })).isOk()).toBe(true)
  })

  it('the victim’s live reset token survives every send in other flows, and still verifies', async () => {
    const clock = createControllableClock()
    const store = createMemoryOtpStore()
    const windows = createMemoryWindowBudget()
    const sender = createCapturingOtpSender()
    const sendOtp = createSendOtp({ store, windows, sender, clock, knownAccountsOnly: { phone_number: false } })
    const verifier = createOtpVerifier({ store, windows, clock })
    const victim = { channel: 'email', value: VICTIM } as const
    const { otpToken } = (await sendOtp({ clientId: 'web', usage: 'reset_password', identifier: victim }))._unsafeUnwrap()
    const code = sender.lastCodeFor(VICTIM) ?? ''
    for (const [clientId, usage] of [['spa', 'reset_password'], ['native', 'reset_password'], ['web', 'login'], ['web', 'signup']] as const) {
      expect((await sendOtp({ clientId, usage, identifier: victim })).isOk()).toBe(true)
    }
    expect(await verifier.verify({ clientId: 'web', usage: 'reset_password', identifier: victim, token: otpToken, code })).toEqual({ outcome: 'valid' })
  })

  it('a request without a client address is still limited per IP: all such requests share one bucket', async () => {
    const { http } = await worldWithDefaultLimits()
    const statuses: number[] = []
    for (let i = 0; i < 61; i++) {
      const response = await http(post('/otp/send', { usage: 'reset_password', phone_number: `+861380000${String(1000 + i)}` }, basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret), null))
      statuses.push(response.status)
    }
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true)
    expect(statuses[60]).toBe(429)
  })
})
