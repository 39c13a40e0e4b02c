import { createResetkitRouter } from '@resetkit/adapters-express'
import { resetkitFastify } from '@resetkit/adapters-fastify'
import Fastify, { type FastifyInstance } from 'fastify'
import { basicAuth, nodeHttpTransport, makeHttpWorld, toWireResponse, WEB_CLIENT, type Transport, type WireRequest } from '@resetkit/testing/http'
import express from 'express'
import fc from 'fast-check'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createResetkitHandler } from '../src/index.js'

let server: Server
let fastify: FastifyInstance
let viaExpress: Transport
let viaFetch: Transport
let viaFastify: Transport

const cors = { origins: ['https://app.example'], originsByClient: { spa: ['https://spa.example'] } }

beforeAll(async () => {
  const expressWorld = await makeHttpWorld({ cors })
  const app = express()
  app.use(createResetkitRouter({ ...expressWorld.deps, bodyLimitBytes: 2048 }))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  viaExpress = nodeHttpTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)

  const fastifyWorld = await makeHttpWorld({ cors })
  fastify = Fastify()
  await fastify.register(resetkitFastify, { ...fastifyWorld.deps, bodyLimitBytes: 2048 })
  await fastify.listen({ port: 0, host: '127.0.0.1' })
  viaFastify = nodeHttpTransport(`http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}`)

  const fetchWorld = await makeHttpWorld({ cors })
  const handler = createResetkitHandler({ ...fetchWorld.deps, bodyLimitBytes: 2048 })
  viaFetch = async ({ method, path, headers = [], body }) => {
    const init: RequestInit = { method, headers: headers.map(([n, v]) => [n, v] as [string, string]) }
    if (body !== undefined) init.body = body
    return toWireResponse(await handler(new Request(`http://resetkit.test${path}`, init)))
  }
})
afterAll(async () => {
  await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), fastify.close()])
})

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
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS'),
  path: fc.constantFrom('/otp/send', '/reset_user_password'),
  headers: fc.array(
    fc.oneof(
      fc.tuple(fc.constant('content-type'), fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/json; charset=latin1')),
      fc.tuple(fc.constant('authorization'), authorization),
      fc.tuple(fc.constant('origin'), fc.constantFrom('https://app.example', 'https://spa.example', 'https://evil.example')),
      fc.tuple(fc.constant('access-control-request-method'), fc.constantFrom('POST', 'PUT')),
      fc.tuple(fc.constant('content-type'), fc.constantFrom('not a media type', 'application/json;;', 'application/x-www-form-urlencoded')),
    ),
    { maxLength: 4 },
  ),
  body: bodyArbitrary,
}).map((request) => (request.method === 'GET' || request.method === 'OPTIONS' ? { ...request, body: undefined } : request) as WireRequest)

// otp_token values are random by design; everything else must match to the byte.
const comparable = (body: string): string => body.replace(/"otp_token":"[A-Za-z0-9_-]+"/, '"otp_token":"…"')

// The headers the contract sets, and the body's declared length; transports may add their own (Date, Connection…).
const CONTRACT_HEADERS = ['content-type', 'content-length', 'www-authenticate', 'retry-after', 'allow', 'cache-control', 'vary', 'access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers']
const observed = (response: { status: number; body: string; headers: Readonly<Record<string, string>> }) => [
  response.status,
  comparable(response.body),
  CONTRACT_HEADERS.map((name) => response.headers[name]),
]

describe('Express, Fastify and fetch transports', () => {
  it('for any generated request, all three give the same status, body and contract headers', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (request) => {
        const [a, b, c] = await Promise.all([viaExpress(request), viaFetch(request), viaFastify(request)])
        expect(observed(b)).toEqual(observed(a))
        expect(observed(c)).toEqual(observed(a))
      }),
      { numRuns: 400 },
    )
  })
})
