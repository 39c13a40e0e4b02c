import { createCapturingAuditLog } from '@resetkit/adapters-memory'
import { basicAuth, makeHttpWorld, WEB_CLIENT } from '@resetkit/testing/http'
import { describe, expect, it } from 'vitest'
import { createCors, createResetkitHttp, isJsonContentType, type HttpRequest } from '../src/index.js'

const send = (headers: Record<string, string>): HttpRequest => ({
  method: 'POST',
  path: '/otp/send',
  headers,
  body: { kind: 'text', text: JSON.stringify({ usage: 'reset_password', email: 'alice@example.com' }) },
})

describe('a bearer token where no verifier is configured', () => {
  it('is invalid_client with the Bearer challenge, audited as not accepted', async () => {
    const log = createCapturingAuditLog()
    const { deps } = await makeHttpWorld({ audit: { log, pseudonymKey: 'edges-test-key-0123456789' } })
    const { tokens: _tokens, changePassword: _change, ...withoutTokens } = deps
    const response = await createResetkitHttp(withoutTokens)(send({ 'content-type': 'application/json', authorization: 'Bearer openid-token' }))
    expect([response.status, JSON.parse(response.body), response.headers['www-authenticate']]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Bearer tokens are not accepted here.' },
      'Bearer error="invalid_token"',
    ])
    expect(log.events).toEqual([{ type: 'client_authentication_failed', at: expect.any(Number), reason: 'bearer_not_accepted', method: 'bearer' }])
  })
})

describe('content type', () => {
  it('a body without a Content-Type is 415', async () => {
    const { deps } = await makeHttpWorld()
    const response = await createResetkitHttp(deps)(send({ authorization: basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret) }))
    expect([response.status, JSON.parse(response.body).error]).toEqual([415, 'unsupported_media_type'])
  })

  it.each([
    [undefined, false],
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/json; charset="utf-8"', true],
    ['application/json; charset=latin1', false],
    ['application/jsonx', false],
    ['text/json', false],
    ['', false],
  ])('%j → %s', (header, json) => {
    expect(isJsonContentType(header)).toBe(json)
  })
})

describe('CORS on a request without an Origin', () => {
  it('varies on Origin and names none', () => {
    const cors = createCors({ origins: ['https://app.example'] })
    const decorated = cors.decorate({ status: 200, headers: {}, body: '' }, {}, undefined)
    expect(decorated.headers).toEqual({ vary: 'Origin' })
    expect(cors.preflight({ 'access-control-request-method': 'POST' })).toBeUndefined()
    expect(cors.decorate({ status: 200, headers: {}, body: '' }, {}, 'spa').headers).toEqual({ vary: 'Origin' })
  })

  it('a preflight answer may be reused for 600 s unless told otherwise', () => {
    const preflight = { origin: 'https://app.example', 'access-control-request-method': 'POST' }
    expect(createCors({ origins: ['https://app.example'] }).preflight(preflight)?.headers['access-control-max-age']).toBe('600')
    expect(createCors({ origins: ['https://app.example'], maxAgeSeconds: 60 }).preflight(preflight)?.headers['access-control-max-age']).toBe('60')
  })
})

describe('CORS configuration', () => {
  it.each(['not a url', 'null', 'https://app.example/', 'https://app.example/path'])('%j is refused with a message naming it', (origin) => {
    expect(() => createCors({ origins: [origin] })).toThrow(new TypeError(`cors: ${JSON.stringify(origin)} is not an origin (scheme://host[:port], no path or trailing slash)`))
  })

  it('origins per client alone are enough, and a preflight varies on Origin', () => {
    const cors = createCors({ originsByClient: { spa: ['https://spa.example'] } })
    expect(cors.preflight({ origin: 'https://spa.example', 'access-control-request-method': 'POST' })?.headers).toMatchObject({ 'access-control-allow-origin': 'https://spa.example', vary: 'Origin' })
  })
})
