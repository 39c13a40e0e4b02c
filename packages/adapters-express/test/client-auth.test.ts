import { describe, expect, it } from 'vitest'
import { basic, GOOD_PASSWORD, makeApp, WEB_AUTH, WEB_SECRET } from './fixture.js'

const send = { usage: 'reset_password', email: 'alice@example.com' }

describe('client authentication', () => {
  it('Basic with URL-encoded id and secret holding ":", "%", "/", "&" and non-ASCII is accepted', async () => {
    const { agent } = await makeApp()
    const response = await agent.post('/otp/send').set('authorization', WEB_AUTH).send(send)
    expect(response.status).toBe(200)
  })

  it('client_id and client_secret in the body are accepted', async () => {
    const { agent } = await makeApp()
    const response = await agent.post('/otp/send').send({ ...send, client_id: 'web:app', client_secret: WEB_SECRET })
    expect(response.status).toBe(200)
  })

  it('public clients (spa, native) authenticate with their id alone', async () => {
    const { agent } = await makeApp()
    for (const client_id of ['spa', 'native']) {
      expect((await agent.post('/otp/send').send({ ...send, client_id })).status).toBe(200)
    }
    expect((await agent.post('/otp/send').set('authorization', basic('spa', '')).send(send)).status).toBe(200)
  })

  it('Bearer with the openid scope is accepted, and the token names the client', async () => {
    const { agent, sender } = await makeApp()
    const sent = await agent.post('/otp/send').set('authorization', 'Bearer openid-token').send(send)
    expect(sent.status).toBe(200)
    const code = sender.lastCodeFor('alice@example.com')
    // The code was issued to client "spa": the same client, authenticated another way, may use it.
    const reset = await agent.post('/reset_user_password').send({ client_id: 'spa', password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: sent.body.otp_token, email_otp: code })
    expect(reset.status).toBe(200)
  })

  it.each([
    ['a wrong secret', { authorization: basic('web:app', 'nope') }, {}],
    ['a web client without its secret', {}, { client_id: 'web:app' }],
    ['an unknown client', {}, { client_id: 'ghost' }],
    ['no credentials at all', {}, {}],
    ['a public client that sends a secret', {}, { client_id: 'spa', client_secret: 'x' }],
    ['malformed Basic (no colon)', { authorization: `Basic ${Buffer.from('web').toString('base64')}` }, {}],
    ['malformed Basic (bad percent-encoding)', { authorization: `Basic ${Buffer.from('web%:x%zz').toString('base64')}` }, {}],
    ['malformed Basic (not base64)', { authorization: 'Basic ***' }, {}],
    ['an unknown scheme', { authorization: 'Digest abc' }, {}],
  ])('%s → 401 invalid_client with WWW-Authenticate', async (_name, headers, body) => {
    const { agent } = await makeApp()
    const response = await agent.post('/otp/send').set(headers).send({ ...send, ...body })
    expect(response.status).toBe(401)
    expect(response.body.error).toBe('invalid_client')
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm="resetkit"/)
  })

  it('an unknown bearer token → 401 with a Bearer challenge', async () => {
    const { agent } = await makeApp()
    const response = await agent.post('/otp/send').set('authorization', 'Bearer who-knows').send(send)
    expect(response.status).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"')
  })

  it('a bearer token without openid → 403 insufficient_scope', async () => {
    const { agent } = await makeApp()
    const response = await agent.post('/otp/send').set('authorization', 'Bearer profile-token').send(send)
    expect(response.status).toBe(403)
    expect(response.body.error).toBe('insufficient_scope')
    expect(response.headers['www-authenticate']).toContain('insufficient_scope')
  })

  it.each([
    ['Basic and body name different clients', { authorization: WEB_AUTH }, { client_id: 'spa' }],
    ['Basic and body disagree on the secret', { authorization: WEB_AUTH }, { client_secret: 'other' }],
    ['Bearer plus a body secret', { authorization: 'Bearer openid-token' }, { client_secret: 'x' }],
    ['Bearer and a body client_id of another client', { authorization: 'Bearer openid-token' }, { client_id: 'native' }],
    ['a non-string client_id', {}, { client_id: 42 }],
  ])('%s → 400 invalid_request', async (_name, headers, body) => {
    const { agent } = await makeApp()
    const response = await agent.post('/otp/send').set(headers).send({ ...send, ...body })
    expect(response.status).toBe(400)
    expect(response.body.error).toBe('invalid_request')
  })

  it('a code sent for one client does not verify for another', async () => {
    const { sendCode, reset } = await makeApp()
    const { token, code } = await sendCode()
    const response = await reset({ client_id: 'spa', password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code }, null)
    expect(response.body).toEqual({ error: 'bad_email_otp_token' })
  })
})
