import { createResetkitRouter } from '@resetkit/adapters-express'
import { basicAuth, nodeHttpTransport, makeHttpWorld, toWireResponse, WEB_CLIENT, type Transport, type WireRequest } from '@resetkit/testing/http'
import express from 'express'
import fc from 'fast-check'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createResetkitHandler } from '../src/index.js'

let server: Server
let viaExpress: Transport
let viaFetch: Transport

beforeAll(async () => {
  const expressWorld = await makeHttpWorld()
  const app = express()
  app.use(createResetkitRouter({ ...expressWorld.deps, bodyLimitBytes: 2048 }))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  viaExpress = nodeHttpTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)

  const fetchWorld = await makeHttpWorld()
  const handler = createResetkitHandler({ ...fetchWorld.deps, bodyLimitBytes: 2048 })
  viaFetch = async ({ method, path, headers = [], body }) => {
    const init: RequestInit = { method, headers: headers.map(([n, v]) => [n, v] as [string, string]) }
    if (body !== undefined) init.body = body
    return toWireResponse(await handler(new Request(`http://resetkit.test${path}`, init)))
  }
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const fieldValue = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null), fc.boolean(), fc.constant('alice@example.com'), fc.constant('+8613800000001'), fc.constant('reset_password'))
const bodyArbitrary = fc.oneof(
  fc.dictionary(
    fc.constantFrom('usage', 'password', 'email', 'email_otp_token', 'email_otp', 'phone_number', 'phone_number_otp_token', 'phone_number_otp', 'client_id', 'client_secret', '__proto__', 'constructor'),
    fieldValue,
  ).map((fields) => JSON.stringify(fields)),
  fc.json(),
  fc.string({ maxLength: 60 }),
  fc.constant('x'.repeat(3000)),
)
const authorization = fc.constantFrom(
  basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret), basicAuth('spa', ''), basicAuth('web:app', 'nope'), 'Basic ***', 'Basic', 'Bearer openid-token', 'Bearer profile-token', 'Bearer', 'Digest x',
)
const requestArbitrary: fc.Arbitrary<WireRequest> = fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE'),
  path: fc.constantFrom('/otp/send', '/reset_user_password'),
  headers: fc.array(
    fc.oneof(
      fc.tuple(fc.constant('content-type'), fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/json; charset=latin1')),
      fc.tuple(fc.constant('authorization'), authorization),
    ),
    { maxLength: 3 },
  ),
  body: bodyArbitrary,
}).map((request) => (request.method === 'GET' ? { ...request, body: undefined } : request) as WireRequest)

// otp_token values are random by design; everything else must match to the byte.
const comparable = (body: string): string => body.replace(/"otp_token":"[A-Za-z0-9_-]+"/, '"otp_token":"…"')

describe('Express and fetch transports', () => {
  it('for any generated request, both give the same status, body and content type', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (request) => {
        const [a, b] = await Promise.all([viaExpress(request), viaFetch(request)])
        expect([b.status, comparable(b.body), b.headers['content-type']]).toEqual([a.status, comparable(a.body), a.headers['content-type']])
        expect(b.headers['www-authenticate']).toBe(a.headers['www-authenticate'])
      }),
      { numRuns: 400 },
    )
  })
})
