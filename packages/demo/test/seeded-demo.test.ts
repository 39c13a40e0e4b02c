import { createCapturingOtpSender } from '@resetkit/adapters-memory'
import { rangeLineFor, startRangeServer, type RangeServer } from '@resetkit/adapters-pwned-passwords/testing'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoApp, type DemoApp } from '../src/app.js'
import { readConfig } from '../src/config.js'

const webAuth = `Basic ${Buffer.from(`demo-web:${encodeURIComponent('demo-web-secret:%/&')}`).toString('base64')}`
const sender = createCapturingOtpSender()
const breached = rangeLineFor('Breached-Violet-Orbit-7', 42)
let demo: DemoApp
let rangeApi: RangeServer

beforeAll(async () => {
  // A local range API that lists one password, so the demo's breach check is exercised offline.
  rangeApi = await startRangeServer()
  rangeApi.respond({ kind: 'lines', lines: [breached.line, '0018A45C4D1DEF81644B54AB7F969B88D65:0'] })
  const config = readConfig({ RATE_LIMIT: 'off', DELIVERY_BUDGETS: 'off', OTP_RESEND_COOLDOWN_SECONDS: '0', BREACHED_PASSWORDS_URL: rangeApi.url })
  demo = await createDemoApp(config, { sender })
})
afterAll(async () => {
  await demo.close()
  await rangeApi.close()
})

async function codeFor(identifier: Record<string, string>, auth: Record<string, string> = { authorization: webAuth }) {
  const sent = await request(demo.app).post('/otp/send').set(auth).send({ usage: 'reset_password', ...identifier })
  expect(sent.status).toBe(200)
  const to = identifier['email'] ?? identifier['phone_number'] ?? ''
  return { token: sent.body.otp_token as string, code: sender.lastCodeFor(to) ?? '' }
}

describe('the demo with its seeded data', () => {
  it('demo-web (secret with ":%/&") resets alice by email; the initial password is then recurrent', async () => {
    const { token, code } = await codeFor({ email: 'alice@example.com' })
    const body = { email: 'alice@example.com', email_otp_token: token, email_otp: code }
    const again = await request(demo.app).post('/reset_user_password').set('authorization', webAuth).send({ ...body, password: 'Initial-Passw0rd!' })
    expect(again.body).toEqual({ error: 'recurrent_password' })
    const weak = await request(demo.app).post('/reset_user_password').set('authorization', webAuth).send({ ...body, password: 'password1' })
    expect(weak.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['common_password', 'too_weak'])
    const ok = await request(demo.app).post('/reset_user_password').set('authorization', webAuth).send({ ...body, password: 'Violet-Staircase-Orbit-42' })
    expect([ok.status, ok.text]).toEqual([200, ''])
  })

  it('demo-spa resets bob by phone number with its id alone', async () => {
    const { token, code } = await codeFor({ phone_number: '+8613800000002', client_id: 'demo-spa' }, {})
    const response = await request(demo.app).post('/reset_user_password').send({
      client_id: 'demo-spa', password: 'Quartz-Meadow-Lantern-77', phone_number: '+8613800000002', phone_number_otp_token: token, phone_number_otp: code,
    })
    expect(response.status).toBe(200)
  })

  it('the frozen user is refused as "User is frozen." once the code is proven', async () => {
    const { token, code } = await codeFor({ email: 'frozen@example.com', client_id: 'demo-native' }, {})
    const response = await request(demo.app).post('/reset_user_password').send({
      client_id: 'demo-native', password: 'Violet-Staircase-Orbit-42', email: 'frozen@example.com', email_otp_token: token, email_otp: code,
    })
    expect(response.body).toEqual({ error: 'abnormal_user_status', error_description: 'User is frozen.' })
  })

  it('a breached password is refused after the code is proven, and the code still works for a clean one', async () => {
    const { token, code } = await codeFor({ email: 'bob@example.com' })
    const body = { email: 'bob@example.com', email_otp_token: token, email_otp: code }
    const refused = await request(demo.app).post('/reset_user_password').set('authorization', webAuth).send({ ...body, password: 'Breached-Violet-Orbit-7' })
    expect([refused.status, refused.body.error, refused.body.violations?.[0]?.rule]).toEqual([400, 'invalid_new_password', 'breached_password'])
    expect(rangeApi.requests.at(-1)?.url).toBe(`/range/${breached.prefix}`)
    const ok = await request(demo.app).post('/reset_user_password').set('authorization', webAuth).send({ ...body, password: 'Copper-Window-Harbor-58' })
    expect(ok.status).toBe(200)
  })

  it('a browser app on the local dev origin may call as demo-spa (CORS), another origin may not', async () => {
    const preflight = await request(demo.app).options('/otp/send').set({ origin: 'http://localhost:5173', 'access-control-request-method': 'POST' })
    expect([preflight.status, preflight.headers['access-control-allow-origin']]).toEqual([204, 'http://localhost:5173'])
    const sent = await request(demo.app).post('/otp/send').set('origin', 'http://localhost:5173').send({ usage: 'reset_password', email: 'bob@example.com', client_id: 'demo-spa' })
    expect([sent.status, sent.headers['access-control-allow-origin']]).toEqual([200, 'http://localhost:5173'])
    const elsewhere = await request(demo.app).options('/otp/send').set({ origin: 'https://evil.example', 'access-control-request-method': 'POST' })
    expect([elsewhere.status, elsewhere.headers['access-control-allow-origin']]).toEqual([405, undefined])
  })

  it('demo-openid-token is accepted; demo-profile-token lacks openid', async () => {
    const bearer = await request(demo.app).post('/otp/send').set('authorization', 'Bearer demo-openid-token').send({ usage: 'reset_password', email: 'alice@example.com' })
    expect(bearer.status).toBe(200)
    const profile = await request(demo.app).post('/otp/send').set('authorization', 'Bearer demo-profile-token').send({ usage: 'reset_password', email: 'alice@example.com' })
    expect([profile.status, profile.body.error]).toEqual([403, 'insufficient_scope'])
  })
})

describe('demo configuration', () => {
  it('reads the documented variables with their defaults', () => {
    expect(readConfig({})).toMatchObject({
      port: 3000, otpTtlSeconds: 300, passwordHistory: 5, otpMaxAttempts: 5, otpResendCooldownSeconds: 60, rateLimit: true, store: 'memory',
      breachedPasswords: { baseUrl: 'https://api.pwnedpasswords.com', whenUnavailable: 'allow', timeoutMs: 2000 },
    })
    expect(readConfig({ BREACHED_PASSWORDS: 'off' }).breachedPasswords).toBe('off')
    expect(readConfig({ PORT: '8080', PASSWORD_HISTORY: '0', RATE_LIMIT: 'off', OTP_MAX_ATTEMPTS: '3', OTP_TTL_SECONDS: '60' })).toMatchObject({ port: 8080, passwordHistory: 0, rateLimit: false, otpMaxAttempts: 3, otpTtlSeconds: 60 })
  })

  it('refuses nonsense instead of guessing', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(RangeError)
    expect(() => readConfig({ OTP_MAX_ATTEMPTS: '0' })).toThrow(RangeError)
    expect(() => readConfig({ STORE: 'mysql' })).toThrow(RangeError)
    expect(() => readConfig({ BREACHED_PASSWORDS_WHEN_UNAVAILABLE: 'maybe' })).toThrow(RangeError)
    expect(() => readConfig({ AUDIT_PSEUDONYM_KEY: 'short' })).toThrow(RangeError)
  })
})
