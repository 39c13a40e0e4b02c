import { basicAuth, type WireRequest } from '@resetkit/testing/http'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALICE, startHarness, STRONG, WEB_AUTH } from './harness.js'

const LIMIT = 16 * 1024
const DOCUMENTED = new Set([200, 400, 401, 403, 404, 405, 413, 415, 429])

let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  // Production-like limits: a cooldown, so 429 is among the answers.
  harness = await startHarness({ resendLimits: { cooldownSeconds: 60, maxPerHour: 10 } })
})
afterAll(() => harness.close())

const FIELDS = ['usage', 'password', 'email', 'email_otp_token', 'email_otp', 'phone_number', 'phone_number_otp_token', 'phone_number_otp', 'client_id', 'client_secret', '__proto__', 'constructor', 'prototype']
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', ' ', '\u0000', '\uD800', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'ﬁ', 'A\u030A', '%', '%zz', ':', 'alice@example.com', ' ALICE@EXAMPLE.COM', '+8613800000001', '13800000001', 'reset_password', 'login'),
)
const fieldValue = fc.oneof(oddString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(oddString, { maxLength: 3 }), fc.object({ maxDepth: 2 }))
const objectBody = fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 8 }).map((value) => JSON.stringify(value))
/** A valid send body padded to exactly `size` bytes. */
const sizedBody = (size: number): string => {
  const base = JSON.stringify({ usage: 'reset_password', email: ALICE, pad: '' })
  return base.replace('"pad":""', `"pad":"${'x'.repeat(size - base.length)}"`)
}

const bodyArbitrary = fc.oneof(
  { weight: 5, arbitrary: objectBody },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(sizedBody(LIMIT), sizedBody(LIMIT + 1), sizedBody(LIMIT - 1), '{"a":' + '['.repeat(5000)) },
  { weight: 1, arbitrary: fc.constant(undefined) },
)

const base64ish = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=%:'), maxLength: 80 })
const authorizationValue = fc.oneof(
  fc.constantFrom(WEB_AUTH, basicAuth('spa', ''), basicAuth('web', 'wrong'), 'Bearer openid-token', 'Bearer', 'Basic', 'basic ' + WEB_AUTH.slice(6), ''),
  base64ish.map((value) => `Basic ${value}`),
  oddString.filter((value) => /^[\t\x20-\x7e]*$/.test(value)).map((value) => `Bearer ${value}`),
)
const contentType = fc.constantFrom('application/json', 'application/json;charset=UTF-8', 'application/json; charset=iso-8859-1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'APPLICATION/JSON', 'application/json, text/plain')

const requestArbitrary: fc.Arbitrary<WireRequest> = fc
  .record({
    method: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    path: fc.constantFrom('/otp/send', '/reset_user_password', '/reset_user_password', '/otp/send/', '/nowhere'),
    headers: fc.array(fc.oneof(fc.tuple(fc.constant('content-type'), contentType), fc.tuple(fc.constant('authorization'), authorizationValue)), { maxLength: 4 }),
    body: bodyArbitrary,
  })
  .map(({ method, path, headers, body }): WireRequest => ({ method, path, headers, ...(body === undefined || method === 'GET' ? {} : { body }) }))

describe('fuzzing the Express app', () => {
  it('10,000 arbitrary requests get only documented statuses, never a 500, and the server still serves', async () => {
    const seen = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (request) => {
        const response = await harness.http(request)
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1)
        expect(DOCUMENTED.has(response.status)).toBe(true)
        if (response.body !== '') {
          const body = JSON.parse(response.body) as Record<string, unknown>
          expect(typeof (body['error'] ?? body['otp_token'])).toBe('string')
        }
      }),
      { numRuns: 10_000 },
    )
    // The generator reaches deep enough to matter: several kinds of answer, not one wall of 400s.
    expect([...seen.keys()].filter((status) => status !== 400).length).toBeGreaterThanOrEqual(5)
    const { token, code } = await harness.sendCode('bob@example.com')
    expect(token).not.toBe('')
    expect((await harness.reset(token, code, STRONG, 'bob@example.com')).body).toBe('{"error":"user_not_found"}')
  }, 240_000)
})
