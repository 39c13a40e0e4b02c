import { basicAuth, GOOD_PASSWORD, makeHttpWorld, WEB_CLIENT } from '@resetkit/testing/http'
import express, { type Express } from 'express'
import express4 from 'express4'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { createResetkitRouter, resetkitErrorHandler } from '../src/index.js'

const WEB_AUTH = basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret)

async function hostApp(make: () => Express, withJsonParser: boolean) {
  const world = await makeHttpWorld()
  const app = make()
  if (withJsonParser) app.use(express.json())
  app.use(createResetkitRouter(world.deps))
  if (withJsonParser) app.use(resetkitErrorHandler())
  const sendCode = async () => {
    const sent = await request(app).post('/otp/send').set('authorization', WEB_AUTH).send({ usage: 'reset_password', email: 'alice@example.com' })
    return { token: sent.body.otp_token as string, code: world.sender.lastCodeFor('alice@example.com') ?? '' }
  }
  return { app, sendCode }
}

// Express 4 apps mount the router as they would any middleware.
const express4Host = express4 as unknown as () => Express

describe.each([
  ['Express 5', express],
  ['Express 4', express4Host],
])('an %s host', (_name, make) => {
  it.each([false, true])('serves send → reset (host express.json(): %s)', async (withJsonParser) => {
    const { app, sendCode } = await hostApp(make, withJsonParser)
    const { token, code } = await sendCode()
    const reset = await request(app).post('/reset_user_password').set('authorization', WEB_AUTH).send({ password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
    expect([reset.status, reset.text]).toEqual([200, ''])
  })

  it("answers the host parser's errors in JSON once resetkitErrorHandler is mounted", async () => {
    const { app } = await hostApp(make, true)
    const broken = await request(app).post('/reset_user_password').set('authorization', WEB_AUTH).set('content-type', 'application/json').send('{oops')
    expect([broken.status, broken.text]).toEqual([400, '{"error":"invalid_request"}'])
  })

  it('leaves other paths to the host', async () => {
    const { app } = await hostApp(make, false)
    expect((await request(app).post('/elsewhere').send({})).status).toBe(404)
  })
})
