import { describe, expect, it } from 'vitest'
import { GOOD_PASSWORD, makeApp } from './fixture.js'

const JSON_TYPE = 'application/json;charset=UTF-8'

describe('POST /reset_user_password: every outcome on the wire', () => {
  it('success is 200 with an empty body and no content type', async () => {
    const { sendCode, reset } = await makeApp()
    const { token, code } = await sendCode()
    const response = await reset({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
    expect(response.status).toBe(200)
    expect(response.text).toBe('')
    expect(response.headers['content-type']).toBeUndefined()
    expect(response.headers['cache-control']).toBe('no-store')
  })

  it('send returns {"otp_token"} only', async () => {
    const { sendCode } = await makeApp()
    const { response } = await sendCode()
    expect(response.status).toBe(200)
    expect(Object.keys(response.body)).toEqual(['otp_token'])
    expect(response.headers['content-type']).toBe(JSON_TYPE)
  })

  it.each([
    ['recurrent_password', 'Initial-Passw0rd!', 'alice@example.com'],
    ['invalid_new_password', 'short', 'alice@example.com'],
    ['user_not_found', GOOD_PASSWORD, 'nobody@example.com'],
    ['abnormal_user_status', GOOD_PASSWORD, 'frozen@example.com'],
  ])('%s → 400 with the contract body', async (error, password, email) => {
    const { sendCode, reset } = await makeApp()
    const { token, code } = await sendCode({ email })
    const response = await reset({ password, email, email_otp_token: token, email_otp: code })
    expect(response.status).toBe(400)
    expect(response.headers['content-type']).toBe(JSON_TYPE)
    expect(response.body.error).toBe(error)
    if (error === 'abnormal_user_status') expect(response.body).toEqual({ error, error_description: 'User is frozen.' })
    if (error === 'recurrent_password' || error === 'user_not_found') expect(response.body).toEqual({ error })
    if (error === 'invalid_new_password') {
      expect(response.body.violations).toEqual([{ rule: 'min_length', params: { min: 8 }, message: 'Must be at least 8 characters long.' }])
    }
  })

  it.each([
    ['email', 'alice@example.com', 'bad_email_otp_token', 'bad_email_otp'],
    ['phone_number', '+8613800000001', 'bad_phone_number_otp_token', 'bad_phone_number_otp'],
  ])('%s channel: bad token → %s, bad code → %s', async (channel, identifier, badToken, badCode) => {
    const { sendCode, reset } = await makeApp()
    const { token, code } = await sendCode({ [channel]: identifier })
    const body = { password: GOOD_PASSWORD, [channel]: identifier }
    const wrongToken = await reset({ ...body, [`${channel}_otp_token`]: 'forged', [`${channel}_otp`]: code })
    expect([wrongToken.status, wrongToken.body]).toEqual([400, { error: badToken }])
    const wrongCode = await reset({ ...body, [`${channel}_otp_token`]: token, [`${channel}_otp`]: code === '000000' ? '111111' : '000000' })
    expect([wrongCode.status, wrongCode.body]).toEqual([400, { error: badCode }])
  })

  it('a bad token answers byte-identically for a known, a frozen and an unknown user', async () => {
    const { reset } = await makeApp()
    const answers = await Promise.all(
      ['alice@example.com', 'frozen@example.com', 'nobody@example.com'].map((email) =>
        reset({ password: GOOD_PASSWORD, email, email_otp_token: 'forged', email_otp: '123456' }),
      ),
    )
    const shapes = answers.map((a) => JSON.stringify([a.status, a.text, a.headers['content-type'], a.headers['content-length']]))
    expect(new Set(shapes).size).toBe(1)
  })

  it('invalid_request names the field', async () => {
    const { reset } = await makeApp()
    const response = await reset({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: 't' })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ error: 'invalid_request', field: 'email_otp' })
  })

  it('a resend inside the cooldown → 429 with Retry-After', async () => {
    const { sendCode } = await makeApp({ resendCooldownSeconds: 60 })
    await sendCode()
    const { response } = await sendCode()
    expect(response.status).toBe(429)
    expect(response.body.error).toBe('too_many_requests')
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('a store that throws → 500 {"error":"server_error"} with nothing internal', async () => {
    const { sendCode, reset } = await makeApp({
      users: (store) => ({ ...store, findByIdentifier: async () => { throw new Error('connection refused at /var/run/db.sock') } }),
    })
    const { token, code } = await sendCode()
    const response = await reset({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
    expect(response.status).toBe(500)
    expect(response.text).toBe('{"error":"server_error"}')
  })

  it('a store that hangs → 503 temporarily_unavailable with Retry-After', async () => {
    const { sendCode, reset } = await makeApp({ users: (store) => ({ ...store, findByIdentifier: () => new Promise(() => {}) }) })
    const { token, code } = await sendCode()
    const response = await reset({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
    expect(response.status).toBe(503)
    expect(response.body).toEqual({ error: 'temporarily_unavailable' })
    expect(response.headers['retry-after']).toBe('5')
  })
})
