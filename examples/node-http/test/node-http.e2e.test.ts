import { createCapturingOtpSender } from '@resetkit/adapters-memory'
import { createDemoDeps, readConfig, type DemoDeps } from '@resetkit/demo'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createResetkitServer } from '../src/server.js'

const sender = createCapturingOtpSender()
const webAuth = `Basic ${btoa(`demo-web:${encodeURIComponent('demo-web-secret:%/&')}`)}`
let deps: DemoDeps
let server: Server
let url = ''

beforeAll(async () => {
  deps = await createDemoDeps(readConfig({ OTP_RESEND_COOLDOWN_SECONDS: '0' }), { sender })
  server = createResetkitServer(deps).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await deps.close()
})

describe('the node:http example', () => {
  it('runs a reset end to end on an ephemeral port, web client by Basic auth', async () => {
    const post = (path: string, body: object) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: webAuth }, body: JSON.stringify(body) })
    const sent = await post('/otp/send', { usage: 'reset_password', phone_number: '13800000001' })
    expect(sent.status).toBe(200)
    const { otp_token } = (await sent.json()) as { otp_token: string }
    const code = sender.lastCodeFor('+8613800000001')
    const body = { password: 'Copper-Harbor-Willow-58', phone_number: '+8613800000001', phone_number_otp_token: otp_token, phone_number_otp: code }
    const reset = await post('/reset_user_password', body)
    expect([reset.status, await reset.text()]).toEqual([200, ''])
    const reused = await post('/reset_user_password', body)
    expect(await reused.json()).toEqual({ error: 'bad_phone_number_otp_token' })
  })

  it('frames each answer by its length, not as chunks: a JSON body and an empty one', async () => {
    const sent = await fetch(`${url}/otp/send`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: webAuth }, body: JSON.stringify({ usage: 'reset_password', email: 'alice@example.com' }) })
    const text = await sent.text()
    expect([sent.headers.get('content-length'), sent.headers.get('transfer-encoding')]).toEqual([String(Buffer.byteLength(text)), null])
    const refused = await fetch(`${url}/reset_user_password`, { method: 'GET' })
    expect(refused.headers.get('transfer-encoding')).toBeNull()
  })

  it('404s any other path', async () => {
    expect((await fetch(`${url}/admin`, { method: 'POST' })).status).toBe(404)
  })
})
