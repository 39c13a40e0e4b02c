import { createCapturingOtpSender, createMemoryClientRegistry } from '@resetkit/adapters-memory'
import type { ClientRegistry } from '@resetkit/http'
import { createFastTestHasher } from '@resetkit/testing'
import fc from 'fast-check'
import { Writable } from 'node:stream'
import { rangeLineFor, startRangeServer, type RangeServer } from '@resetkit/adapters-pwned-passwords/testing'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoApp, type DemoApp } from '../src/app.js'
import { readConfig } from '../src/config.js'

// Every secret starts with a marker no log line can hold ('ǂ' is outside JSON's vocabulary and
// base64url; '~' is outside base64url) and a random canary: fast-check happily generates words
// like "length", which a log legitimately contains ("min_length"). The tails add odd Unicode and
// JSON-escaped text.
const canary = fc.stringMatching(/^[A-Za-z0-9]{10,16}$/)
const tail = fc.string({ unit: 'grapheme', maxLength: 24 })
const secret = fc.tuple(canary, tail).map(([head, rest]) => `ǂ${head}${rest}`)
const strongPassword = fc.tuple(canary, tail).map(([head, rest]) => `ǂ${head}-Orbit-${rest}`)
// Too short for the policy (under 8 code points).
const weakPassword = fc.stringMatching(/^[A-Za-z0-9]{4,6}$/).map((word) => `ǂ${word}`)
// A bearer token must be a valid header value (RFC 6750 b64token, which allows '~').
const accessTokenArb = fc.tuple(canary, fc.stringMatching(/^[A-Za-z0-9._~+/-]{0,30}$/)).map(([head, rest]) => `~${head}${rest}`)

const logLines: string[] = []
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString().split('\n').filter((line) => line !== ''))
    done()
  },
})
const sender = createCapturingOtpSender()
let registry: ClientRegistry = createMemoryClientRegistry([])
let demo: DemoApp
let rangeApi: RangeServer

beforeAll(async () => {
  const clients: ClientRegistry = { findById: (id) => registry.findById(id) }
  // The breach check is on, against a local range API that fails every other call (fail-open is logged).
  rangeApi = await startRangeServer()
  const config = readConfig({ RATE_LIMIT: 'off', DELIVERY_BUDGETS: 'off', OTP_RESEND_COOLDOWN_SECONDS: '0', BREACHED_PASSWORDS_URL: rangeApi.url })
  demo = await createDemoApp(config, { sender, clients, hasher: createFastTestHasher(), logDestination: destination })
})
afterAll(async () => {
  await demo.close()
  await rangeApi.close()
})

const basic = (id: string, secretValue: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secretValue)}`).toString('base64')}`

/** The forms a leaked value could take in a JSON line: as is, or JSON-escaped. */
const forms = (value: string): string[] => [value, JSON.stringify(value).slice(1, -1)]

describe('the audit trail and the logs', () => {
  it('for any generated password, code, token and secret, none of them appears in any event or log line', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        secret,
        fc.array(fc.oneof(strongPassword, weakPassword), { minLength: 1, maxLength: 4 }),
        fc.stringMatching(/^\d{6}$/),
        accessTokenArb,
        fc.boolean(),
        async (clientSecret, wrongSecret, passwords, guessedCode, accessToken, rangeUp) => {
          registry = createMemoryClientRegistry([{ id: 'prop-web', type: 'web', secret: clientSecret }])
          rangeApi.respond(rangeUp ? { kind: 'lines', lines: passwords.map((password) => rangeLineFor(password).line) } : { kind: 'status', status: 503 })
          logLines.length = 0
          const auth = { authorization: basic('prop-web', clientSecret) }

          // Refused callers: a wrong secret in the header and in the body, an unknown bearer token.
          await request(demo.app).post('/otp/send').set('authorization', basic('prop-web', wrongSecret)).send({ usage: 'reset_password', email: 'alice@example.com' })
          await request(demo.app).post('/otp/send').send({ client_id: 'prop-web', client_secret: wrongSecret, usage: 'reset_password', email: 'alice@example.com' })
          await request(demo.app).post('/reset_user_password').set('authorization', `Bearer ${accessToken}`).send({ password: passwords[0] })

          const sent = await request(demo.app).post('/otp/send').set(auth).send({ usage: 'reset_password', email: 'alice@example.com' })
          expect(sent.status).toBe(200)
          const otpToken = sent.body.otp_token as string
          const code = sender.lastCodeFor('alice@example.com') ?? ''
          const body = { email: 'alice@example.com', email_otp_token: otpToken }
          const wrongCode = guessedCode === code ? String((Number(code) + 1) % 1_000_000).padStart(6, '0') : guessedCode

          await request(demo.app).post('/reset_user_password').set(auth).send({ ...body, email_otp: wrongCode, password: passwords[0] })
          await request(demo.app).post('/reset_user_password').set(auth).send({ ...body, email_otp_token: `${otpToken}x`, email_otp: code, password: passwords[0] })
          for (const password of passwords) {
            // Body credentials this time: the secret travels in the JSON the server parses.
            await request(demo.app).post('/reset_user_password').send({ ...body, client_id: 'prop-web', client_secret: clientSecret, email_otp: code, password })
          }
          await new Promise((resolve) => setTimeout(resolve, 5)) // post-reset effects log asynchronously

          const log = logLines.join('\n')
          expect(logLines.some((line) => line.includes('"component":"audit"'))).toBe(true)
          for (const value of [clientSecret, wrongSecret, accessToken, otpToken, ...passwords]) {
            for (const form of forms(value)) expect(log).not.toContain(form)
          }
          // Six digits could hide inside a timestamp, so codes are looked for as whole numbers.
          for (const digits of [code, wrongCode]) expect(log).not.toMatch(new RegExp(`(?<![0-9])${digits}(?![0-9])`))
          expect(log).not.toContain('alice@example.com')
        },
      ),
      { numRuns: 40 },
    )
  })
})
