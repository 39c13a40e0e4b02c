import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryRateLimiter, DEFAULT_BODY_LIMIT_BYTES } from '@resetkit/http'
import type { ServeTransport, ServedTransport, Transport, WireResponse } from './transport.js'
import { describeCorsCases } from './cors-cases.js'
import { describeSendDefenceCases } from './send-defence-cases.js'
import { describeChangePasswordCases } from './change-password-cases.js'
import { basicAuth, SEND, WEB_AUTH } from './requests.js'
import { GOOD_PASSWORD, makeHttpWorld, WEB_CLIENT, type WorldOptions } from './world.js'

export interface HttpContractOptions {
  readonly name: string
  readonly serve: ServeTransport
}

const JSON_TYPE = 'application/json;charset=UTF-8'

/**
 * The wire contract every transport must keep, byte for byte: statuses, the headers that matter
 * and the JSON bodies. Run it against your own transport (Fastify, Koa, …) in one line.
 *
 * @example
 * describeHttpContract({ name: 'fetch', serve: async (deps, o) => ({ transport: …, close: async () => {} }) })
 */
export function describeHttpContract({ name, serve }: HttpContractOptions): void {
  describe(`HTTP contract: ${name}`, () => {
    const open: ServedTransport[] = []
    afterEach(async () => {
      await Promise.all(open.splice(0).map((served) => served.close()))
    })

    async function setup(options: WorldOptions & { bodyLimitBytes?: number } = {}) {
      const world = await makeHttpWorld(options)
      const served = await serve(world.deps, { bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES })
      open.push(served)
      const http: Transport = served.transport
      const post = (path: string, body: unknown, headers: [string, string][] = [['authorization', WEB_AUTH]]) =>
        http({ method: 'POST', path, headers: [['content-type', 'application/json'], ...headers], body: typeof body === 'string' ? body : JSON.stringify(body) })
      const sendCode = async (identifier: Record<string, string> = { email: 'alice@example.com' }, headers?: [string, string][]) => {
        const response = await post('/otp/send', { usage: 'reset_password', ...identifier }, headers)
        const to = identifier['email'] ?? identifier['phone_number'] ?? ''
        const token = response.status === 200 ? (JSON.parse(response.body) as { otp_token: string }).otp_token : ''
        return { token, code: world.sender.lastCodeFor(to) ?? '', response }
      }
      return { ...world, http, post, sendCode }
    }

    const json = (response: WireResponse): Record<string, unknown> => JSON.parse(response.body) as Record<string, unknown>

    describe('outcomes', () => {
      it('a reset succeeds with 200, an empty body and no content type', async () => {
        const { post, sendCode } = await setup()
        const { token, code } = await sendCode()
        const response = await post('/reset_user_password', { password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
        expect([response.status, response.body, response.headers['content-type']]).toEqual([200, '', undefined])
        expect(response.headers['cache-control']).toBe('no-store')
      })

      it('send answers {"otp_token"} as JSON', async () => {
        const { sendCode } = await setup()
        const { response } = await sendCode()
        expect(response.status).toBe(200)
        expect(response.headers['content-type']).toBe(JSON_TYPE)
        expect(Object.keys(json(response))).toEqual(['otp_token'])
      })

      it.each([
        ['recurrent_password', 'Initial-Passw0rd!', 'alice@example.com', '{"error":"recurrent_password"}'],
        ['user_not_found', GOOD_PASSWORD, 'nobody@example.com', '{"error":"user_not_found"}'],
        ['abnormal_user_status', GOOD_PASSWORD, 'frozen@example.com', '{"error":"abnormal_user_status","error_description":"User is frozen."}'],
        ['invalid_new_password', 'x9!Q', 'alice@example.com', '{"error":"invalid_new_password","error_description":"Must be at least 8 characters long.","violations":[{"rule":"min_length","params":{"min":8},"message":"Must be at least 8 characters long."}]}'],
      ])('%s → 400 with exactly the contract body', async (_code, password, email, body) => {
        const { post, sendCode } = await setup()
        const { token, code } = await sendCode({ email })
        const response = await post('/reset_user_password', { password, email, email_otp_token: token, email_otp: code })
        expect([response.status, response.headers['content-type'], response.body]).toEqual([400, JSON_TYPE, body])
      })

      it.each([
        ['email', 'alice@example.com', 'bad_email_otp_token', 'bad_email_otp'],
        ['phone_number', '+8613800000001', 'bad_phone_number_otp_token', 'bad_phone_number_otp'],
      ])('%s: a bad token → %s, a bad code → %s', async (channel, identifier, badToken, badCode) => {
        const { post, sendCode } = await setup()
        const { token, code } = await sendCode({ [channel]: identifier })
        const base = { password: GOOD_PASSWORD, [channel]: identifier }
        const wrongToken = await post('/reset_user_password', { ...base, [`${channel}_otp_token`]: 'forged', [`${channel}_otp`]: code })
        expect([wrongToken.status, wrongToken.body]).toEqual([400, `{"error":"${badToken}"}`])
        const wrongCode = await post('/reset_user_password', { ...base, [`${channel}_otp_token`]: token, [`${channel}_otp`]: code === '000000' ? '111111' : '000000' })
        expect([wrongCode.status, wrongCode.body]).toEqual([400, `{"error":"${badCode}"}`])
      })

      it('a bad token answers byte-identically for a known, a frozen and an unknown user', async () => {
        const { post } = await setup()
        const answers = await Promise.all(
          ['alice@example.com', 'frozen@example.com', 'nobody@example.com'].map((email) =>
            post('/reset_user_password', { password: GOOD_PASSWORD, email, email_otp_token: 'forged', email_otp: '123456' }),
          ),
        )
        const shapes = answers.map(({ status, body, headers }) => JSON.stringify([status, body, headers['content-type'], headers['content-length']]))
        expect(new Set(shapes).size).toBe(1)
      })

      it('send, as the CIAM documents it: a malformed identifier is malformed_email / malformed_phone_number; usage defaults to login', async () => {
        const { post, sender } = await setup()
        const email = await post('/otp/send', { usage: 'reset_password', email: 'not-an-email' })
        expect([email.status, json(email)['error']]).toEqual([400, 'malformed_email'])
        const phone = await post('/otp/send', { usage: 'reset_password', phone_number: '12' })
        expect([phone.status, json(phone)['error']]).toEqual([400, 'malformed_phone_number'])
        const noUsage = await post('/otp/send', { email: 'alice@example.com' })
        expect(noUsage.status).toBe(200)
        expect(sender.deliveries.at(-1)?.usage).toBe('login')
      })

      it('invalid_request names the field', async () => {
        const { post } = await setup()
        const response = await post('/reset_user_password', { password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: 't' })
        expect([response.status, json(response)['error'], json(response)['field']]).toEqual([400, 'invalid_request', 'email_otp'])
      })

      it('a resend within the cooldown → 429 with Retry-After', async () => {
        const { sendCode } = await setup({ resendCooldownSeconds: 60 })
        await sendCode()
        const { response } = await sendCode()
        expect([response.status, json(response)['error']]).toEqual([429, 'too_many_requests'])
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
      })

      it('a store that throws → 500 {"error":"server_error"} and nothing internal', async () => {
        const { post, sendCode } = await setup({ users: (store) => ({ ...store, findByIdentifier: async () => { throw new Error('ECONNREFUSED /var/run/db.sock') } }) })
        const { token, code } = await sendCode()
        const response = await post('/reset_user_password', { password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
        expect([response.status, response.body]).toEqual([500, '{"error":"server_error"}'])
      })

      it('a store that hangs → 503 temporarily_unavailable with Retry-After', async () => {
        const { post, sendCode } = await setup({ users: (store) => ({ ...store, findByIdentifier: () => new Promise(() => {}) }) })
        const { token, code } = await sendCode()
        const response = await post('/reset_user_password', { password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code })
        expect([response.status, response.body, response.headers['retry-after']]).toEqual([503, '{"error":"temporarily_unavailable"}', '5'])
      })

      it('other methods → 405 with Allow: POST', async () => {
        const { http } = await setup()
        const response = await http({ method: 'GET', path: '/reset_user_password' })
        expect([response.status, response.headers['allow']]).toEqual([405, 'POST'])
      })
    })

    describe('client authentication', () => {
      it('Basic with URL-encoded id and secret holding ":", "%", "/", "&" and non-ASCII', async () => {
        const { post } = await setup()
        expect((await post('/otp/send', SEND)).status).toBe(200)
      })

      it('client_id and client_secret in the body', async () => {
        const { post } = await setup()
        expect((await post('/otp/send', { ...SEND, client_id: WEB_CLIENT.id, client_secret: WEB_CLIENT.secret }, [])).status).toBe(200)
      })

      it('public clients with their id alone, in the body or as "id:" in Basic', async () => {
        const { post } = await setup()
        for (const client_id of ['spa', 'native']) expect((await post('/otp/send', { ...SEND, client_id }, [])).status).toBe(200)
        expect((await post('/otp/send', SEND, [['authorization', basicAuth('spa', '')]])).status).toBe(200)
      })

      it('Bearer with openid; the token names the client the code is bound to', async () => {
        const { post, sendCode } = await setup()
        const { token, code, response } = await sendCode({ email: 'alice@example.com' }, [['authorization', 'Bearer openid-token']])
        expect(response.status).toBe(200)
        const reset = await post('/reset_user_password', { client_id: 'spa', password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code }, [])
        expect(reset.status).toBe(200)
      })

      it.each([
        ['a wrong secret', [['authorization', basicAuth(WEB_CLIENT.id, 'nope')]], {}],
        ['a web client without its secret', [], { client_id: WEB_CLIENT.id }],
        ['an unknown client', [], { client_id: 'ghost' }],
        ['no credentials', [], {}],
        ['a public client sending a secret', [], { client_id: 'spa', client_secret: 'x' }],
        ['Basic without a colon', [['authorization', `Basic ${btoa('web')}`]], {}],
        ['Basic with broken percent-encoding', [['authorization', `Basic ${btoa('web%:x%zz')}`]], {}],
        ['Basic that is not base64', [['authorization', 'Basic ***']], {}],
        ['Basic of an impossible base64 length', [['authorization', 'Basic A']], {}],
        ['an unknown scheme', [['authorization', 'Digest abc']], {}],
        ['two Authorization headers', [['authorization', WEB_AUTH], ['authorization', WEB_AUTH]], {}],
      ] as [string, [string, string][], Record<string, unknown>][])('%s → 401 invalid_client with a Basic challenge', async (_name, headers, body) => {
        const { post } = await setup()
        const response = await post('/otp/send', { ...SEND, ...body }, headers)
        expect([response.status, json(response)['error']]).toEqual([401, 'invalid_client'])
        expect(response.headers['www-authenticate']).toMatch(/^Basic realm="resetkit"/)
      })

      it('an unknown bearer token → 401 with a Bearer challenge; no openid → 403', async () => {
        const { post } = await setup()
        const unknown = await post('/otp/send', SEND, [['authorization', 'Bearer who-knows']])
        expect([unknown.status, unknown.headers['www-authenticate']]).toEqual([401, 'Bearer error="invalid_token"'])
        const scope = await post('/otp/send', SEND, [['authorization', 'Bearer profile-token']])
        expect([scope.status, json(scope)['error']]).toEqual([403, 'insufficient_scope'])
        expect(scope.headers['www-authenticate']).toContain('insufficient_scope')
      })

      it.each([
        ['Basic and body name different clients', [['authorization', WEB_AUTH]], { client_id: 'spa' }],
        ['Basic and body disagree on the secret', [['authorization', WEB_AUTH]], { client_secret: 'other' }],
        ['Bearer plus a body secret', [['authorization', 'Bearer openid-token']], { client_secret: 'x' }],
        ['Bearer and another client_id', [['authorization', 'Bearer openid-token']], { client_id: 'native' }],
        ['a non-string client_id', [], { client_id: 42 }],
      ] as [string, [string, string][], Record<string, unknown>][])('%s → 400 invalid_request', async (_name, headers, body) => {
        const { post } = await setup()
        const response = await post('/otp/send', { ...SEND, ...body }, headers)
        expect([response.status, json(response)['error']]).toEqual([400, 'invalid_request'])
      })

      it('a code sent for one client does not verify for another', async () => {
        const { post, sendCode } = await setup()
        const { token, code } = await sendCode()
        const response = await post('/reset_user_password', { client_id: 'spa', password: GOOD_PASSWORD, email: 'alice@example.com', email_otp_token: token, email_otp: code }, [])
        expect(response.body).toBe('{"error":"bad_email_otp_token"}')
      })
    })

    describe('bodies', () => {
      it('over the limit → 413; exactly at the limit is read', async () => {
        const { post } = await setup({ bodyLimitBytes: 1024 })
        const over = await post('/otp/send', { ...SEND, pad: 'x'.repeat(1100) })
        expect([over.status, json(over)['error']]).toEqual([413, 'payload_too_large'])
        const base = JSON.stringify({ ...SEND, pad: '' })
        const exact = base.replace('"pad":""', `"pad":"${'x'.repeat(1024 - base.length)}"`)
        expect((await post('/otp/send', exact)).status).toBe(200)
      })

      it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/jsonx'])('content type %s → 415', async (type) => {
        const { http } = await setup()
        const response = await http({ method: 'POST', path: '/otp/send', headers: [['content-type', type], ['authorization', WEB_AUTH]], body: JSON.stringify(SEND) })
        expect([response.status, response.headers['content-type']]).toEqual([415, JSON_TYPE])
      })

      it.each(['{"usage":', '[]', '"string"', '42', 'null', ''])('body %j → 400 invalid_request', async (text) => {
        const { post } = await setup()
        const response = await post('/otp/send', text)
        expect([response.status, json(response)['error']]).toEqual([400, 'invalid_request'])
      })

      it('a body led by a UTF-8 byte order mark is read as the JSON after it, as every transport decodes it', async () => {
        // RFC 8259 lets a parser ignore the mark; body-parser and the Fetch API's text() both do.
        const { post } = await setup()
        const response = await post('/otp/send', `\uFEFF${JSON.stringify(SEND)}`)
        expect(response.status).toBe(200)
      })

      it('__proto__ and constructor keys are inert: they neither authenticate nor fill fields', async () => {
        const { post, sendCode } = await setup()
        const { token, code } = await sendCode()
        const polluted = `{"__proto__":{"password":"${GOOD_PASSWORD}","client_id":"spa"},"constructor":{"prototype":{"admin":true}},"email":"alice@example.com","email_otp_token":"${token}","email_otp":"${code}"}`
        const response = await post('/reset_user_password', polluted)
        expect([response.status, json(response)['field']]).toEqual([400, 'password'])
        expect(({} as Record<string, unknown>)['admin']).toBeUndefined()
      })
    })

    describe('rate limits (through the RateLimiter port)', () => {
      it('per identifier, normalised: the third send for alice in the window → 429, bob unaffected', async () => {
        const { post } = await setup({ rateLimit: { perIdentifier: createMemoryRateLimiter({ limit: 2, windowSeconds: 60 }) } })
        expect((await post('/otp/send', SEND)).status).toBe(200)
        expect((await post('/otp/send', { ...SEND, email: ' ALICE@example.com' })).status).toBe(200)
        const limited = await post('/otp/send', SEND)
        expect([limited.status, json(limited)['error']]).toEqual([429, 'too_many_requests'])
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
        expect((await post('/otp/send', { ...SEND, email: 'bob@example.com' })).status).toBe(200)
      })

      it('per IP: past the budget every request → 429', async () => {
        const { post } = await setup({ rateLimit: { perIp: createMemoryRateLimiter({ limit: 1, windowSeconds: 60 }) } })
        await post('/otp/send', {})
        expect((await post('/otp/send', {})).status).toBe(429)
      })
    })

    describeCorsCases(setup)
    describeSendDefenceCases(setup)
    describeChangePasswordCases(setup)
  })
}
