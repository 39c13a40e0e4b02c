import { DeliveryFailedError, isPortUnavailable } from '@resetkit/core'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { describeOtpSenderContract, everythingShownOf } from '@resetkit/testing'
import { createTwilioSmsSender, type TwilioSmsOptions } from '../src/index.js'
import { startLocalTwilio, type LocalTwilio } from '../src/testing/index.js'

let api: LocalTwilio
beforeAll(async () => {
  api = await startLocalTwilio()
})
afterAll(() => api.close())
beforeEach(() => {
  api.behave({ kind: 'ok' })
  api.received.length = 0
})

const NOW = Date.now()
const sender = (options: Partial<TwilioSmsOptions> = {}) =>
  createTwilioSmsSender({ ...api.credentials, from: '+15005550006', appName: 'Acme', apiBaseUrl: api.baseUrl, timeoutMs: 1000, now: () => NOW, ...options })
const delivery = (to = '+14155550123', code = '482913') => ({ channel: 'phone_number' as const, to, code, usage: 'reset_password' as const, expiresAt: NOW + 5 * 60_000 })
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error)

describe('Twilio Messaging, against a local Messages API', () => {
  it('sends our own code and its lifetime to the E.164 number, from our number or a messaging service', async () => {
    await sender().send(delivery())
    await createTwilioSmsSender({ ...api.credentials, messagingServiceSid: 'MG0123', appName: 'Acme', apiBaseUrl: api.baseUrl, now: () => NOW }).send(delivery('+8613800000001'))
    expect(api.received).toEqual([
      { accountSid: api.credentials.accountSid, to: '+14155550123', from: '+15005550006', messagingServiceSid: null, body: '482913 is your Acme code. It expires in 5 minutes. Do not share it.' },
      { accountSid: api.credentials.accountSid, to: '+8613800000001', from: null, messagingServiceSid: 'MG0123', body: '482913 is your Acme code. It expires in 5 minutes. Do not share it.' },
    ])
  })

  it.each([
    [400, 21211, 'recipient_refused'],
    [400, 21614, 'recipient_refused'],
    [400, 21610, 'recipient_refused'],
    [401, 20005, 'quota_exhausted'],
    [429, 14107, 'rate_limited'],
  ] as const)('%i with code %i → %s', async (status, code, reason) => {
    api.behave({ kind: 'error', status, code })
    const error = await failureOf(sender().send(delivery()))
    expect(error).toBeInstanceOf(DeliveryFailedError)
    expect((error as DeliveryFailedError).reason).toBe(reason)
  })

  it.each([
    ['a 503', { kind: 'error', status: 503, code: 20500 }],
    ['API throttling (429, 20429)', { kind: 'error', status: 429, code: 20429 }],
    ['a server that does not answer in time', { kind: 'slow' }],
    ['a server that drops the connection', { kind: 'down' }],
  ] as const)('%s is unavailable (503), in bounded time, and never retried', async (_name, behaviour) => {
    api.behave(behaviour)
    const started = Date.now()
    expect(isPortUnavailable(await failureOf(sender().send(delivery())))).toBe(true)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(api.received.length).toBeLessThanOrEqual(1)
  })

  it('wrong credentials are a configuration error (500), not an outage', async () => {
    const error = await failureOf(sender({ authToken: 'wrong' }).send(delivery()))
    expect(isPortUnavailable(error)).toBe(false)
    expect(error).not.toBeInstanceOf(DeliveryFailedError)
  })

  it('refuses email, an ambiguous sender and a plain-HTTP API that is not loopback', async () => {
    await expect(sender().send({ ...delivery(), channel: 'email', to: 'a@example.com' })).rejects.toThrow(TypeError)
    expect(() => sender({ messagingServiceSid: 'MG1' })).toThrow(TypeError)
    expect(() => sender({ apiBaseUrl: 'http://twilio.example' })).toThrow(TypeError)
  })

  it('no failure carries the code, the number or the auth token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<{ kind: 'error'; status: number; code: number } | { kind: 'down' }>({ kind: 'error', status: 400, code: 21211 }, { kind: 'error', status: 401, code: 20003 }, { kind: 'error', status: 503, code: 20500 }, { kind: 'down' }),
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^[2-9]\d{9}$/),
        async (behaviour, code, national) => {
          api.behave(behaviour)
          const error = await failureOf(sender().send(delivery(`+1${national}`, code)))
          const shown = everythingShownOf(error)
          for (const secret of [code, national, api.credentials.authToken]) expect(shown).not.toContain(secret)
        },
      ),
      { numRuns: 20 },
    )
  })
})

describeOtpSenderContract({
  name: 'Twilio Messaging',
  channel: 'phone_number',
  recipients: Array.from({ length: 10 }, (_, i) => `+1415555010${i}`),
  make: () => {
    api.behave({ kind: 'ok' })
    api.received.length = 0
    return {
      sender: createTwilioSmsSender({ ...api.credentials, from: '+15005550006', appName: 'Acme', apiBaseUrl: api.baseUrl }),
      delivered: async () => api.received.map(({ to, body }) => ({ to, text: body })),
    }
  },
})
