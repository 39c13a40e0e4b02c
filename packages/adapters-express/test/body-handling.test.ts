import { describe, expect, it } from 'vitest'
import { GOOD_PASSWORD, makeApp, WEB_AUTH } from './fixture.js'

const JSON_TYPE = 'application/json;charset=UTF-8'

describe('bodies', () => {
  it('a body over 16 KiB → 413, whether Content-Length says so or not', async () => {
    const { agent } = await makeApp()
    const big = JSON.stringify({ usage: 'reset_password', email: 'alice@example.com', pad: 'x'.repeat(17 * 1024) })
    const declared = await agent.post('/otp/send').set('authorization', WEB_AUTH).set('content-type', 'application/json').send(big)
    expect([declared.status, declared.body.error]).toEqual([413, 'payload_too_large'])
  })

  it('a body of exactly the limit is read', async () => {
    const { agent } = await makeApp()
    const base = JSON.stringify({ usage: 'reset_password', email: 'alice@example.com', pad: '' })
    const body = base.replace('"pad":""', `"pad":"${'x'.repeat(16 * 1024 - base.length)}"`)
    expect(Buffer.byteLength(body)).toBe(16 * 1024)
    const response = await agent.post('/otp/send').set('authorization', WEB_AUTH).set('content-type', 'application/json').send(body)
    expect(response.status).toBe(200)
  })

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/jsonx'])(
    'content type %s → 415',
    async (type) => {
      const { agent } = await makeApp()
      const response = await agent.post('/otp/send').set('authorization', WEB_AUTH).set('content-type', type).send('{"usage":"reset_password"}')
      expect(response.status).toBe(415)
      expect(response.headers['content-type']).toBe(JSON_TYPE)
    },
  )

  it.each(['{"usage":', '[]', '"string"', '42', 'null', ''])('body %j → 400 invalid_request', async (text) => {
    const { agent } = await makeApp()
    const response = await agent.post('/otp/send').set('authorization', WEB_AUTH).set('content-type', 'application/json').send(text)
    expect([response.status, response.body.error]).toEqual([400, 'invalid_request'])
  })

  it('prototype-pollution keys are inert: __proto__ and constructor neither authenticate nor fill fields', async () => {
    const { agent, sendCode } = await makeApp()
    const { token, code } = await sendCode()
    const polluted = `{"__proto__":{"password":"${GOOD_PASSWORD}","client_id":"spa"},"constructor":{"prototype":{"admin":true}},"email":"alice@example.com","email_otp_token":"${token}","email_otp":"${code}"}`
    const response = await agent.post('/reset_user_password').set('authorization', WEB_AUTH).set('content-type', 'application/json').send(polluted)
    expect(response.body).toMatchObject({ error: 'invalid_request', field: 'password' })
    expect(({} as Record<string, unknown>)['password']).toBeUndefined()
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined()
  })

  it("works behind the host's express.json(); with resetkitErrorHandler its parse errors are JSON too", async () => {
    const { agent, sendCode } = await makeApp({ hostJsonParser: true })
    const { token, code } = await sendCode()
    const ok = await agent.post('/reset_user_password').set('authorization', WEB_AUTH).send({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
    expect(ok.status).toBe(200)
    const broken = await agent.post('/reset_user_password').set('authorization', WEB_AUTH).set('content-type', 'application/json').send('{oops')
    expect([broken.status, broken.text]).toEqual([400, '{"error":"invalid_request"}'])
  })

  it('GET → 405 with Allow: POST; other paths are left to the host', async () => {
    const { agent } = await makeApp()
    const get = await agent.get('/reset_user_password')
    expect([get.status, get.headers['allow']]).toEqual([405, 'POST'])
    expect((await agent.post('/elsewhere').send({})).status).toBe(404)
  })

  it('rate limits per IP and per identifier answer 429 with Retry-After', async () => {
    const { agent } = await makeApp({ router: { rateLimit: { perIp: { windowMs: 60_000, limit: 100 }, perIdentifier: { windowMs: 60_000, limit: 2 } } } })
    const sendFor = (email: string) => agent.post('/otp/send').set('authorization', WEB_AUTH).send({ usage: 'reset_password', email })
    expect((await sendFor('alice@example.com')).status).toBe(200)
    expect((await sendFor('ALICE@example.com ')).status).toBe(200)
    const limited = await sendFor('alice@example.com')
    expect(limited.status).toBe(429)
    expect(limited.body.error).toBe('too_many_requests')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await sendFor('bob@example.com')).status).toBe(200)

    const perIp = await makeApp({ router: { rateLimit: { perIp: { windowMs: 60_000, limit: 1 } } } })
    await perIp.agent.post('/otp/send').send({})
    expect((await perIp.agent.post('/otp/send').send({})).status).toBe(429)
  })
})
