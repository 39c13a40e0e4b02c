import type { ServerError } from '@resetkit/core'
import { basicAuth, GOOD_PASSWORD, makeHttpWorld, WEB_CLIENT } from '@resetkit/testing/http'
import express, { type Express } from 'express'
import express4 from 'express4'
import request from 'supertest'
import { assert, describe, expect, it } from 'vitest'
import { BODY_ALREADY_PARSED, createResetkitRouter } from '../src/index.js'

const WEB_AUTH = basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret)

/** A host app with a JSON route of its own, and express.json() mounted before or after the router. */
async function hostApp(make: () => Express, jsonParser: 'before' | 'after') {
  const world = await makeHttpWorld()
  const serverErrors: ServerError[] = []
  const app = make()
  const router = createResetkitRouter({ ...world.deps, onServerError: (error) => serverErrors.push(error) })
  if (jsonParser === 'before') app.use(express.json(), router)
  else app.use(router, express.json())
  app.post('/host/echo', (req, res) => {
    res.json({ echoed: req.body as unknown })
  })
  const sendCode = async () => {
    const sent = await request(app).post('/otp/send').set('authorization', WEB_AUTH).send({ usage: 'reset_password', email: 'alice@example.com' })
    return { sent, token: sent.body.otp_token as string, code: world.sender.lastCodeFor('alice@example.com') ?? '' }
  }
  return { app, sendCode, serverErrors }
}

// Express 4 apps mount the router as they would any middleware.
const express4Host = express4 as unknown as () => Express

describe.each([
  ['Express 5', express],
  ['Express 4', express4Host],
])('an %s host', (_name, make) => {
  it('serves send → reset with the router mounted before express.json(), which still serves the host', async () => {
    const { app, sendCode } = await hostApp(make, 'after')
    const { token, code } = await sendCode()
    const reset = await request(app).post('/reset_user_password').set('authorization', WEB_AUTH).send({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
    expect([reset.status, reset.text]).toEqual([200, ''])
    const echoed = await request(app).post('/host/echo').send({ a: 1 })
    expect(echoed.body).toEqual({ echoed: { a: 1 } })
  })

  it('refuses a body express.json() already read: 500 to the client, the reason to onServerError', async () => {
    const { sendCode, serverErrors } = await hostApp(make, 'before')
    const { sent } = await sendCode()
    expect([sent.status, sent.text]).toEqual([500, '{"error":"server_error"}'])
    expect(serverErrors).toEqual([expect.objectContaining({ port: 'express', description: BODY_ALREADY_PARSED })])
  })

  // One write with a Content-Length: a chunked answer costs a writev and a few bytes more.
  it('answers with a Content-Length, not a chunked body', async () => {
    const { sendCode } = await hostApp(make, 'after')
    const { sent } = await sendCode()
    expect(sent.status).toBe(200)
    expect(sent.headers['content-length']).toBe(String(Buffer.byteLength(sent.text)))
    expect(sent.headers['transfer-encoding']).toBeUndefined()
  })

  it('leaves other paths to the host', async () => {
    const { app } = await hostApp(make, 'after')
    expect((await request(app).post('/elsewhere').send({})).status).toBe(404)
    // Only the contract's paths, exactly: a look-alike is the host's too.
    app.use((req, res) => res.status(404).json({ host: req.path }))
    for (const path of ['/OTP/SEND', '/otp/send/', '/otp/send/x']) expect((await request(app).post(path).send({})).body).toEqual({ host: path })
  })

  it('answers a failure inside the router as the contract does, not with the host’s error page', async () => {
    const world = await makeHttpWorld()
    const app = make()
    // A bug in a dependency: the request's headers cannot be read.
    app.use((req, _res, next) => {
      Object.defineProperty(req, 'rawHeaders', { get: () => assert.fail('a bug') })
      next()
    })
    app.use(createResetkitRouter(world.deps))
    const answer = await request(app).post('/otp/send').set('authorization', WEB_AUTH).send({ usage: 'reset_password', email: 'alice@example.com' })
    expect([answer.status, answer.text]).toEqual([500, '{"error":"server_error"}'])
  })
})
