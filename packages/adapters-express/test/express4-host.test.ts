import type { Express } from 'express'
import express4 from 'express4'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { resetkitErrorHandler } from '../src/index.js'
import { GOOD_PASSWORD, makeApp, WEB_AUTH } from './fixture.js'

// Express 4 apps mount the router as they would any middleware; both body paths must work.
const host = express4 as unknown as () => Express

describe('an Express 4 host', () => {
  it('serves send → reset with the router reading the body itself', async () => {
    const { sendCode, reset } = await makeApp({ host })
    const { token, code } = await sendCode()
    const response = await reset({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
    expect([response.status, response.text]).toEqual([200, ''])
  })

  it("uses the body Express 4's json parser already read (body-parser 1 marks it with _body)", async () => {
    const { app: inner, sendCode } = await makeApp()
    const { token, code } = await sendCode()
    // Rebuild on Express 4 with its own parser in front, reusing the fixture's deps through it.
    const app = express4()
    app.use(express4.json())
    app.use(inner as unknown as express4.RequestHandler)
    app.use(resetkitErrorHandler() as unknown as express4.ErrorRequestHandler)
    const ok = await request(app).post('/reset_user_password').set('authorization', WEB_AUTH).send({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
    expect(ok.status).toBe(200)
    const broken = await request(app).post('/reset_user_password').set('authorization', WEB_AUTH).set('content-type', 'application/json').send('{oops')
    expect([broken.status, broken.text]).toEqual([400, '{"error":"invalid_request"}'])
  })

  it('answers 405 and 415 as on Express 5', async () => {
    const { agent } = await makeApp({ host })
    expect((await agent.get('/otp/send')).status).toBe(405)
    expect((await agent.post('/otp/send').set('authorization', WEB_AUTH).set('content-type', 'text/plain').send('x')).status).toBe(415)
  })
})
