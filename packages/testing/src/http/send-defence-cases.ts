import { describe, expect, it } from 'vitest'
import type { HumanCheck } from '@resetkit/core'
import { WEB_AUTH } from './requests.js'
import type { WireResponse } from './transport.js'
import type { HttpWorld, WorldOptions } from './world.js'

type Post = (path: string, body: unknown, headers?: [string, string][]) => Promise<WireResponse>

/** What the send-defence cases need of the contract suite's setup. */
export type SendDefenceSetup = (options?: WorldOptions) => Promise<HttpWorld & { readonly post: Post }>

const sendTo = (identifier: Record<string, string>) => ({ usage: 'reset_password', ...identifier })
const json = (response: WireResponse): Record<string, unknown> => JSON.parse(response.body) as Record<string, unknown>
const answer = (response: WireResponse) => [response.status, json(response)]

/** Everything a caller can observe but the token itself: status, headers (less `date`), body shape. */
const observable = (response: WireResponse) => {
  const { date: _date, ...headers } = response.headers
  return { status: response.status, headers, body: response.body.replace(/"otp_token":"[A-Za-z0-9_-]{43}"/, '"otp_token":"…"') }
}

/** The contract's `/otp/send` abuse defences, part of `describeHttpContract`. */
export function describeSendDefenceCases(setup: SendDefenceSetup): void {
  describe('/otp/send abuse defences', () => {
    it('a fixed-line or premium-rate number → 400 malformed_phone_number; a mobile outside the SMS regions → the same code', async () => {
      const { post, sender } = await setup()
      for (const number of ['+861012345678', '01012345678', '+449090901234']) {
        expect(answer(await post('/otp/send', sendTo({ phone_number: number })))).toEqual([400, { error: 'malformed_phone_number', error_description: 'phone_number must be a mobile number.' }])
      }
      expect(answer(await post('/otp/send', sendTo({ phone_number: '+447911123456' })))).toEqual([400, { error: 'malformed_phone_number', error_description: 'Codes are not sent by SMS to this region.' }])
      expect(sender.deliveries).toEqual([])
    })

    it('one phone number’s limit → 400 sms_rate_limit_exceeded with the CIAM’s text and Retry-After; a mailbox’s → 429 too_many_requests', async () => {
      const { post } = await setup({ resendCooldownSeconds: 60 })
      expect((await post('/otp/send', sendTo({ phone_number: '13800000001' }))).status).toBe(200)
      const phone = await post('/otp/send', sendTo({ phone_number: '13800000001' }))
      expect(answer(phone)).toEqual([400, { error: 'sms_rate_limit_exceeded', error_description: 'SMS rate limit exceeded for same phone number.' }])
      expect(Number(phone.headers['retry-after'])).toBeGreaterThan(55)
      expect((await post('/otp/send', sendTo({ email: 'alice@example.com' }))).status).toBe(200)
      const email = await post('/otp/send', sendTo({ email: 'alice@example.com' }))
      expect(email.status).toBe(429)
      expect(json(email)['error']).toBe('too_many_requests')
    })

    it('a spent global budget → 400 insufficient_sms_quota / insufficient_email_quota with Retry-After, for any identifier', async () => {
      const { post } = await setup({ deliveryBudgets: { globalPerDay: { phone_number: 1, email: 1 } } })
      expect((await post('/otp/send', sendTo({ phone_number: '13800000001' }))).status).toBe(200)
      expect((await post('/otp/send', sendTo({ email: 'alice@example.com' }))).status).toBe(200)
      const sms = await post('/otp/send', sendTo({ phone_number: '13900000009' }))
      expect(answer(sms)).toEqual([400, { error: 'insufficient_sms_quota', error_description: 'The SMS quota is exhausted.' }])
      expect(Number(sms.headers['retry-after'])).toBeGreaterThan(86_000)
      expect(answer(await post('/otp/send', sendTo({ email: 'bob@example.com' })))).toEqual([400, { error: 'insufficient_email_quota', error_description: 'The email quota is exhausted.' }])
    })

    it('a delivery that fails → 503 temporarily_unavailable "Failed to send OTP. Please try again later." with Retry-After', async () => {
      const failing = { send: () => Promise.reject(new Error('provider down')) }
      const { post } = await setup({ wrap: (name, port) => (name === 'sender' ? (failing as unknown as typeof port) : port) })
      const response = await post('/otp/send', sendTo({ email: 'alice@example.com' }))
      expect(answer(response)).toEqual([503, { error: 'temporarily_unavailable', error_description: 'Failed to send OTP. Please try again later.' }])
      expect(response.headers['retry-after']).toBe('5')
    })

    it('known accounts only: an active, an unknown and a frozen number get answers that differ only in the token; only the active one gets a code', async () => {
      const { post, sender, idle } = await setup({ knownAccountsOnly: { phone_number: true } })
      const responses = []
      for (const number of ['13800000001', '13900000009', '13800000003']) responses.push(await post('/otp/send', sendTo({ phone_number: number })))
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200])
      const [active, ...others] = responses.map(observable)
      for (const other of others) expect(other).toEqual(active)
      await idle()
      expect(sender.deliveries.map((delivery) => delivery.to)).toEqual(['+8613800000001'])
    })

    it('a human check, when configured: no token → 400 human_check_failed; a token in the body or the x-human-check-token header is verified', async () => {
      const seen: string[] = []
      const humanCheck: HumanCheck = {
        verify: async ({ token }) => {
          seen.push(token)
          return token === 'human'
        },
      }
      const { post, sender } = await setup({ humanCheck })
      expect(answer(await post('/otp/send', sendTo({ email: 'alice@example.com' })))).toEqual([400, { error: 'human_check_failed', error_description: 'A human check token is required.' }])
      expect(answer(await post('/otp/send', { ...sendTo({ email: 'alice@example.com' }), human_check_token: 'bot' }))).toEqual([400, { error: 'human_check_failed', error_description: 'The human check failed.' }])
      expect((await post('/otp/send', { ...sendTo({ email: 'alice@example.com' }), human_check_token: 'human' })).status).toBe(200)
      const headers: [string, string][] = [['authorization', WEB_AUTH], ['x-human-check-token', 'human']]
      expect((await post('/otp/send', sendTo({ email: 'bob@example.com' }), headers)).status).toBe(200)
      expect(seen).toEqual(['bot', 'human', 'human'])
      expect(sender.deliveries).toHaveLength(2)
    })
  })
}
