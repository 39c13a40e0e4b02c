import { startLocalTurnstile, type LocalTurnstile } from '@resetkit/adapters-turnstile/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnDemo, type SpawnedDemo } from './spawn-demo.js'

const WEB_AUTH = `Basic ${Buffer.from(`demo-web:${encodeURIComponent('demo-web-secret:%/&')}`).toString('base64')}`

describe('the demo’s send path, as `pnpm start` runs it', () => {
  let siteverify: LocalTurnstile
  let demo: SpawnedDemo
  beforeAll(async () => {
    siteverify = await startLocalTurnstile()
    demo = await spawnDemo({ TURNSTILE_SECRET: siteverify.secret, TURNSTILE_HOSTNAMES: 'demo.example', TURNSTILE_SITEVERIFY_URL: siteverify.url, RATE_LIMIT: 'off' })
  }, 60_000)
  afterAll(async () => {
    await demo?.stop()
    await siteverify?.close()
  })

  const send = (body: Record<string, string>) =>
    fetch(`${demo.url}/otp/send`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: WEB_AUTH }, body: JSON.stringify({ usage: 'reset_password', ...body }) })
  const answer = async (response: Response) => [response.status, await response.json()]

  it('TURNSTILE_*: no token or a forged one → 400 human_check_failed; a token the widget minted on our hostname → 200', async () => {
    expect(await answer(await send({ email: 'alice@example.com' }))).toEqual([400, { error: 'human_check_failed', error_description: 'A human check token is required.' }])
    expect(await answer(await send({ email: 'alice@example.com', human_check_token: 'forged' }))).toEqual([400, { error: 'human_check_failed', error_description: 'The human check failed.' }])
    siteverify.issue('minted-1', { hostname: 'demo.example' })
    expect((await send({ email: 'alice@example.com', human_check_token: 'minted-1' })).status).toBe(200)
    await demo.waitFor(/\[dev-otp\] to=alice@example\.com otp=\d{6}/)
  })

  it('SMS: a fixed line or a number outside +86 → 400 malformed_phone_number; a known number gets its code after the answer, an unknown one the same answer and nothing', async () => {
    siteverify.issue('minted-2', { hostname: 'demo.example' })
    expect(await answer(await send({ phone_number: '01012345678', human_check_token: 'minted-2' }))).toEqual([400, { error: 'malformed_phone_number', error_description: 'phone_number must be a mobile number.' }])
    siteverify.issue('minted-3', { hostname: 'demo.example' })
    expect(await answer(await send({ phone_number: '+447911123456', human_check_token: 'minted-3' }))).toEqual([400, { error: 'malformed_phone_number', error_description: 'Codes are not sent by SMS to this region.' }])
    for (const [token, number] of [['minted-4', '13800000002'], ['minted-5', '13900000009']] as const) {
      siteverify.issue(token, { hostname: 'demo.example' })
      const response = await send({ phone_number: number, human_check_token: token })
      expect(response.status).toBe(200)
      expect(Object.keys((await response.json()) as object)).toEqual(['otp_token'])
    }
    await demo.waitFor(/\[dev-otp\] to=\+8613800000002 otp=\d{6}/)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(demo.output()).not.toContain('+8613900000009 otp=')
  })
})
