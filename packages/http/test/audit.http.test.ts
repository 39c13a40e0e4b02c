import { createCapturingAuditLog } from '@resetkit/adapters-memory'
import { createPseudonymizer } from '@resetkit/core'
import { describe, expect, it } from 'vitest'
import { createMemoryRateLimiter, createResetkitHttp, type HttpRequest, type RateLimits } from '../src/index.js'
import { basicAuth, makeHttpWorld, WEB_CLIENT } from '@resetkit/testing/http'

const pseudonymKey = 'http-audit-key-0123456789'

async function world(rateLimit?: RateLimits) {
  const log = createCapturingAuditLog()
  const { deps } = await makeHttpWorld({ audit: { log, pseudonymKey }, ...(rateLimit === undefined ? {} : { rateLimit }) })
  const http = createResetkitHttp(deps)
  const send = (headers: Record<string, string>, body: Record<string, unknown>, clientIp?: string) => {
    const request: HttpRequest = {
      method: 'POST',
      path: '/otp/send',
      headers: { 'content-type': 'application/json', ...headers },
      body: { kind: 'text', text: JSON.stringify({ usage: 'reset_password', email: 'alice@example.com', ...body }) },
      ...(clientIp === undefined ? {} : { clientIp }),
    }
    return http(request)
  }
  return { log, send }
}

describe('transport audit events', () => {
  it.each([
    ['an unknown client id', { authorization: basicAuth('nobody', 'x') }, {}, { reason: 'unknown_client', method: 'basic' }],
    ['a wrong secret', { authorization: basicAuth(WEB_CLIENT.id, 'guess') }, {}, { reason: 'wrong_secret', method: 'basic', clientId: WEB_CLIENT.id }],
    ['no secret for a web client', {}, { client_id: WEB_CLIENT.id }, { reason: 'missing_secret', method: 'body', clientId: WEB_CLIENT.id }],
    ['a secret from a public client', {}, { client_id: 'spa', client_secret: 'x' }, { reason: 'secret_from_public_client', method: 'body', clientId: 'spa' }],
    ['an unknown bearer token', { authorization: 'Bearer forged-token' }, {}, { reason: 'invalid_token', method: 'bearer' }],
    ['a token without openid', { authorization: 'Bearer profile-token' }, {}, { reason: 'insufficient_scope', method: 'bearer', clientId: 'spa' }],
    ['broken Basic credentials', { authorization: 'Basic A' }, {}, { reason: 'malformed_credentials' }],
  ] as const)('%s: one client_authentication_failed event with its reason, and no other', async (_name, headers, body, expected) => {
    const { log, send } = await world()
    const response = await send(headers, body)
    expect(response.status).toBeGreaterThanOrEqual(401)
    expect(log.events).toEqual([{ type: 'client_authentication_failed', at: expect.any(Number), ...expected }])
  })

  it('a presented client id the registry does not know never reaches the log', async () => {
    const { log, send } = await world()
    await send({ authorization: basicAuth('typed-my-password-here', 'x') }, {})
    expect(JSON.stringify(log.events)).not.toContain('typed-my-password-here')
  })

  it('a request refused by a limit is one request_throttled event; for the identifier limit its source is the subject', async () => {
    const { log, send } = await world({
      perIp: createMemoryRateLimiter({ limit: 1, windowSeconds: 60 }),
      perIdentifier: createMemoryRateLimiter({ limit: 1, windowSeconds: 60 }),
    })
    const auth = { authorization: basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret) }
    expect((await send(auth, {}, '203.0.113.7')).status).toBe(200)
    expect((await send(auth, {}, '203.0.113.7')).status).toBe(429) // the IP's budget
    expect((await send(auth, {}, '198.51.100.9')).status).toBe(429) // alice's budget
    const throttled = log.ofType('request_throttled')
    expect(throttled.map(({ scope, route }) => ({ scope, route }))).toEqual([
      { scope: 'ip', route: 'otp_send' },
      { scope: 'identifier', route: 'otp_send' },
    ])
    const subject = createPseudonymizer(pseudonymKey)({ channel: 'email', value: 'alice@example.com' })
    expect(throttled[1]?.source).toBe(subject)
    expect(log.ofType('otp_sent')[0]?.subject).toBe(subject)
    expect(JSON.stringify(log.events)).not.toContain('203.0.113.7')
  })

  it('a caller that authenticates leaves no transport event', async () => {
    const { log, send } = await world()
    await send({ authorization: basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret) }, {})
    expect(log.events.map((event) => event.type)).toEqual(['otp_sent'])
  })
})
