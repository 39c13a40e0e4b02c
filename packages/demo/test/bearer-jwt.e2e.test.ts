import { startLocalIdp, type LocalIdp } from '@resetkit/adapters-jose/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnDemo, type SpawnedDemo } from './spawn-demo.js'

describe('the demo with BEARER_JWKS_URL', () => {
  let idp: LocalIdp
  let demo: SpawnedDemo
  beforeAll(async () => {
    idp = await startLocalIdp()
    demo = await spawnDemo({ BEARER_JWKS_URL: idp.jwksUrl, BEARER_ISSUER: idp.issuer, BEARER_AUDIENCE: 'demo-spa', RATE_LIMIT: 'off' })
  }, 60_000)
  afterAll(async () => {
    await demo?.stop()
    await idp?.close()
  })

  const send = (token: string) =>
    fetch(`${demo.url}/otp/send`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ usage: 'reset_password', email: 'bob@example.com' }) })

  it('accepts a JWT from the provider carrying openid (scope as this CIAM sends it, a JSON array)', async () => {
    expect((await send(await idp.sign({ aud: 'demo-spa', scope: ['openid'], sub: 'bob' }))).status).toBe(200)
  })

  it('refuses one without openid (403), for another audience or from another issuer (401)', async () => {
    expect((await send(await idp.sign({ aud: 'demo-spa', scope: ['profile'] }))).status).toBe(403)
    expect((await send(await idp.sign({ aud: 'someone-else', scope: ['openid'] }))).status).toBe(401)
    expect((await send(await idp.sign({ aud: 'demo-spa', scope: ['openid'], iss: 'https://evil.example' }))).status).toBe(401)
    expect((await send('demo-openid-token')).status).toBe(401) // the seeded opaque tokens are off
  })
})
