import { serve, type ServerType } from '@hono/node-server'
import { createCapturingOtpSender } from '@resetkit/adapters-memory'
import { createDemoDeps, readConfig, type DemoDeps } from '@resetkit/demo'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHonoApp } from '../src/app.js'

const sender = createCapturingOtpSender()
let deps: DemoDeps
let server: ServerType
let url = ''

beforeAll(async () => {
  deps = await createDemoDeps(readConfig({ OTP_RESEND_COOLDOWN_SECONDS: '0' }), { sender })
  server = serve({ fetch: createHonoApp(deps).fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await deps.close()
})

describe('the Hono example', () => {
  it('runs a reset end to end on an ephemeral port, public client by body id', async () => {
    const post = (path: string, body: object) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'demo-spa', ...body }) })
    const sent = await post('/otp/send', { usage: 'reset_password', email: 'bob@example.com' })
    expect(sent.status).toBe(200)
    const { otp_token } = (await sent.json()) as { otp_token: string }
    const code = sender.lastCodeFor('bob@example.com')
    const reset = await post('/reset_user_password', { password: 'Quartz-Meadow-Lantern-77', email: 'bob@example.com', email_otp_token: otp_token, email_otp: code })
    expect([reset.status, await reset.text()]).toEqual([200, ''])
  })

  it('answers the contract errors, e.g. 403 for a token without openid', async () => {
    const response = await fetch(`${url}/otp/send`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-profile-token' }, body: '{"usage":"reset_password","email":"bob@example.com"}' })
    expect([response.status, await response.json()]).toEqual([403, { error: 'insufficient_scope', error_description: 'The access token lacks the openid scope.' }])
  })
})
