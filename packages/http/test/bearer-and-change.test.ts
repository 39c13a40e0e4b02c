import { createCapturingAuditLog } from '@resetkit/adapters-memory'
import type { ChangePasswordCommand, ServerError } from '@resetkit/core'
import { basicAuth, makeHttpWorld } from '@resetkit/testing/http'
import { describe, expect, it } from 'vitest'
import { jsonPost } from './json-post.js'
import { createMemoryRateLimiter, createResetkitHttp, type AccessTokenVerifier, type RateLimiter, type ResetkitHttpDeps } from '../src/index.js'

// What a bearer caller and a signed-in change are told, word for word, and what the host and
// the audit trail learn. The contract suite checks codes and statuses; this checks the rest.

const json = (response: { status: number; body: string; headers: Record<string, string> }) => ({ status: response.status, body: JSON.parse(response.body) as unknown, challenge: response.headers['www-authenticate'] })

const SEND_BODY = { usage: 'reset_password', email: 'alice@example.com' }
const CHANGE_BODY = { old_password: 'Initial-Passw0rd!', new_password: 'Violet-Staircase-Orbit-42' }

async function world(overrides: Partial<ResetkitHttpDeps> = {}) {
  const log = createCapturingAuditLog()
  const { deps } = await makeHttpWorld({ audit: { log, pseudonymKey: 'bearer-test-key-0123456789' } })
  const serverErrors: ServerError[] = []
  const http = createResetkitHttp({ ...deps, onServerError: (error) => serverErrors.push(error), ...overrides })
  return { log, http, deps, serverErrors }
}

describe('Authorization: Bearer at /otp/send', () => {
  it.each([
    ['an unknown token', 'forged', { status: 401, body: { error: 'invalid_client', error_description: 'The access token is not valid.' }, challenge: 'Bearer error="invalid_token"' }],
    ['a token without openid', 'profile-token', { status: 403, body: { error: 'insufficient_scope', error_description: 'The access token lacks the openid scope.' }, challenge: 'Bearer error="insufficient_scope", scope="openid"' }],
  ])('%s → its words and challenge', async (_name, token, expected) => {
    const { http } = await world()
    expect(json(await http(jsonPost('/otp/send', SEND_BODY, { authorization: `Bearer ${token}` })))).toEqual(expected)
  })

  it('a body client_id must be the token’s client: the same one is accepted, another refused', async () => {
    const { http, log } = await world()
    expect((await http(jsonPost('/otp/send', { ...SEND_BODY, client_id: 'spa' }, { authorization: 'Bearer openid-token' }))).status).toBe(200)
    const other = await http(jsonPost('/otp/send', { ...SEND_BODY, client_id: 'native' }, { authorization: 'Bearer openid-token' }))
    expect(json(other)).toEqual({ status: 400, body: { error: 'invalid_request', error_description: 'client_id does not match the access token.' }, challenge: undefined })
    expect(log.ofType('client_authentication_failed')).toStrictEqual([{ type: 'client_authentication_failed', at: expect.any(Number), reason: 'client_id_mismatch', method: 'bearer', clientId: 'spa' }])
  })

  it('an unknown token is audited without a client, a token without openid with its client', async () => {
    const { http, log } = await world()
    await http(jsonPost('/otp/send', SEND_BODY, { authorization: 'Bearer forged' }))
    await http(jsonPost('/otp/send', SEND_BODY, { authorization: 'Bearer profile-token' }))
    expect(log.ofType('client_authentication_failed')).toStrictEqual([
      { type: 'client_authentication_failed', at: expect.any(Number), reason: 'invalid_token', method: 'bearer' },
      { type: 'client_authentication_failed', at: expect.any(Number), reason: 'insufficient_scope', method: 'bearer', clientId: 'spa' },
    ])
  })

  it('a verifier or registry that fails is a server error naming it, for the host only', async () => {
    const broken = new Error('jwks endpoint bug')
    const tokens: AccessTokenVerifier = { verify: () => Promise.reject(broken) }
    const viaToken = await world({ tokens })
    expect(json(await viaToken.http(jsonPost('/otp/send', SEND_BODY, { authorization: 'Bearer openid-token' })))).toEqual({ status: 500, body: { error: 'server_error' }, challenge: undefined })
    expect(viaToken.serverErrors).toMatchObject([{ code: 'server_error', port: 'tokens.verify', cause: broken }])

    const viaRegistry = await world({ clients: { findById: () => Promise.reject(broken) } })
    await viaRegistry.http(jsonPost('/otp/send', SEND_BODY, { authorization: basicAuth('web:app', 'x') }))
    expect(viaRegistry.serverErrors).toMatchObject([{ code: 'server_error', port: 'clients.findById', cause: broken }])
  })
})

describe('Basic and body credentials', () => {
  it('every refusal reads the same, and is audited without a client id the registry does not know', async () => {
    const { http, log } = await world()
    const response = await http(jsonPost('/otp/send', SEND_BODY, { authorization: basicAuth('nobody', 'x') }))
    expect(json(response)).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' }, challenge: 'Basic realm="resetkit", charset="UTF-8"' })
    expect(log.events).toStrictEqual([{ type: 'client_authentication_failed', at: expect.any(Number), reason: 'unknown_client', method: 'basic' }])
  })

  it('a web client registered without a secret hash is refused, never compared', async () => {
    const { http } = await world({ clients: { findById: async (id) => (id === 'legacy' ? { id, type: 'web', secretHash: null } : null) } })
    expect((await http(jsonPost('/otp/send', SEND_BODY, { authorization: basicAuth('legacy', 'anything') }))).status).toBe(401)
  })

  it.each(['!!d2ViOmFwcDp4', 'd2ViOmFwcDp4!!', 'd2Vi OmFwcDp4'])('Basic %j (not base64 throughout) is malformed', async (encoded) => {
    const { http, log } = await world()
    expect((await http(jsonPost('/otp/send', SEND_BODY, { authorization: `Basic ${encoded}` }))).status).toBe(401)
    expect(log.ofType('client_authentication_failed').map((event) => event.reason)).toEqual(['malformed_credentials'])
  })

  it('the scheme is case-insensitive and the credentials may follow more than one space', async () => {
    const { http } = await world()
    const [, encoded] = basicAuth('spa', '').split(' ')
    expect((await http(jsonPost('/otp/send', SEND_BODY, { authorization: `basic   ${encoded ?? ''}` }))).status).toBe(200)
  })
})

describe('/change_user_password', () => {
  /** The world, with the commands the change use case receives recorded. */
  async function changeWorld(overrides: Partial<ResetkitHttpDeps> = {}) {
    const base = await world()
    const commands: ChangePasswordCommand[] = []
    const changePassword = base.deps.changePassword
    if (changePassword === undefined) throw new Error('the world serves the change')
    const http = createResetkitHttp({
      ...base.deps,
      onServerError: (error) => base.serverErrors.push(error),
      changePassword: (command) => {
        commands.push(command)
        return changePassword(command)
      },
      ...overrides,
    })
    return { ...base, http, commands }
  }

  it('reads the bearer token however the header is spaced or cased', async () => {
    for (const authorization of [' Bearer openid-token ', 'bearer openid-token', 'BEARER   openid-token']) {
      const { http } = await changeWorld()
      expect((await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization }))).status).toBe(200)
    }
  })

  it('with no token to use, says the CIAM’s words and audits bearer_missing', async () => {
    for (const authorization of ['Bearer', 'Bearer   ', 'Basic d2ViOmFwcDp4', 'openid-token']) {
      const { http, log } = await changeWorld()
      const response = await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization }))
      expect(json(response).body).toEqual({ error: 'invalid_request', error_description: 'Bearer token not found in the request' })
      expect(log.ofType('client_authentication_failed')).toStrictEqual([{ type: 'client_authentication_failed', at: expect.any(Number), reason: 'bearer_missing', method: 'bearer' }])
    }
  })

  it('a token of 4,096 characters is verified; one longer is refused unread', async () => {
    const seen: number[] = []
    const tokens: AccessTokenVerifier = {
      verify: async (token) => {
        seen.push(token.length)
        return { clientId: 'spa', scopes: ['openid'], subject: 'alice' }
      },
    }
    const { http } = await changeWorld({ tokens })
    expect((await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization: `Bearer ${'t'.repeat(4096)}` }))).status).toBe(200)
    const long = await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization: `Bearer ${'t'.repeat(4097)}` }))
    expect(json(long)).toEqual({ status: 401, body: { error: 'invalid_token', error_description: 'The access token is not valid.' }, challenge: 'Bearer error="invalid_token"' })
    expect(seen).toEqual([4096])
  })

  it.each([
    ['forged', { status: 401, body: { error: 'invalid_token', error_description: 'The access token is not valid.' }, challenge: 'Bearer error="invalid_token"' }, 'invalid_token'],
    ['profile-token', { status: 403, body: { error: 'insufficient_scope', error_description: 'The access token lacks the openid scope.' }, challenge: 'Bearer error="insufficient_scope", scope="openid"' }, 'insufficient_scope'],
    ['machine-token', { status: 401, body: { error: 'invalid_token', error_description: 'The access token names no user.' }, challenge: 'Bearer error="invalid_token"' }, 'no_subject'],
  ])('token %s → its words, challenge and audited reason', async (token, expected, reason) => {
    const { http, log } = await changeWorld()
    expect(json(await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization: `Bearer ${token}` })))).toEqual(expected)
    expect(log.ofType('client_authentication_failed').map((event) => event.reason)).toEqual([reason])
  })

  it('a token naming an empty subject names no user', async () => {
    const { http } = await changeWorld({ tokens: { verify: async () => ({ clientId: 'spa', scopes: ['openid'], subject: '' }) } })
    expect(json(await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization: 'Bearer x' }))).body).toEqual({ error: 'invalid_token', error_description: 'The access token names no user.' })
  })

  it('a verifier that fails is a server error naming it', async () => {
    const { http, serverErrors } = await changeWorld({ tokens: { verify: () => Promise.reject(new Error('bug')) } })
    expect((await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization: 'Bearer x' }))).status).toBe(500)
    expect(serverErrors).toMatchObject([{ port: 'tokens.verify' }])
  })

  it('the change is told the token’s client, subject and session, and no session when the token has none', async () => {
    const { http, commands } = await changeWorld({ tokens: { verify: async (token) => ({ clientId: 'spa', scopes: ['openid'], subject: 'alice', ...(token === 'with-session' ? { sessionId: 'here' } : {}) }) } })
    await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization: 'Bearer with-session' }))
    await http(jsonPost('/change_user_password', { ...CHANGE_BODY, old_password: 'Violet-Staircase-Orbit-42', new_password: 'Another-Good-Passw0rd-9' }, { authorization: 'Bearer without' }))
    expect(commands[0]).toMatchObject({ clientId: 'spa', userId: 'alice', sessionId: 'here' })
    expect(commands[1]).toMatchObject({ clientId: 'spa', userId: 'alice' })
    expect(commands[1]).not.toHaveProperty('sessionId')
  })

  it('counts the user’s budget under the subject, and requests without an address under one shared key', async () => {
    const keys: string[] = []
    const recording = (inner: RateLimiter): RateLimiter => ({ consume: (key) => (keys.push(key), inner.consume(key)) })
    const rateLimit = { perIp: recording(createMemoryRateLimiter({ limit: 1, windowSeconds: 60 })), perIdentifier: recording(createMemoryRateLimiter({ limit: 100, windowSeconds: 60 })) }
    const { http } = await changeWorld({ rateLimit })
    expect((await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization: 'Bearer openid-token' }))).status).toBe(200)
    expect((await http(jsonPost('/change_user_password', CHANGE_BODY, { authorization: 'Bearer openid-token' }))).status).toBe(429)
    expect(keys).toEqual(['ip:unknown', 'user:alice', 'ip:unknown'])
  })
})
