import { DeliveryFailedError, isPortUnavailable } from '@resetkit/core'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { describeOtpSenderContract, everythingShownOf } from '@resetkit/testing'
import { createTencentSmsSender, type TencentSmsOptions } from '../src/index.js'
import { startLocalTencentSms, type LocalTencentSms } from '../src/testing/index.js'

let api: LocalTencentSms
beforeAll(async () => {
  api = await startLocalTencentSms()
})
afterAll(() => api.close())
beforeEach(() => {
  api.behave({ kind: 'ok' })
  api.received.length = 0
})

const NOW = Date.now()
const sender = (options: Partial<TencentSmsOptions> = {}) =>
  createTencentSmsSender({
    ...api.credentials,
    smsSdkAppId: '1400000001',
    signName: 'Acme',
    templateId: '1234567',
    endpoint: api.endpoint,
    agent: api.agent,
    insecureHttpForTests: true,
    timeoutSeconds: 1,
    now: () => NOW,
    ...options,
  })
const delivery = (to = '+8613800000001', code = '482913') => ({ channel: 'phone_number' as const, to, code, usage: 'reset_password' as const, expiresAt: NOW + 5 * 60_000 })
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error)

describe('Tencent Cloud SMS, against a local SendSms that checks TC3 signatures', () => {
  it('sends the code and its minutes by template, to the E.164 number, signed correctly', async () => {
    await sender().send(delivery())
    expect(api.badSignatures).toBe(0)
    expect(api.received).toEqual([
      { region: 'ap-guangzhou', body: expect.objectContaining({ PhoneNumberSet: ['+8613800000001'], SmsSdkAppId: '1400000001', SignName: 'Acme', TemplateId: '1234567', TemplateParamSet: ['482913', '5'] }) as unknown },
    ])
  })

  it('a wrong secret key is refused by the signature check, and is a configuration error (500), not an outage', async () => {
    const error = await failureOf(sender({ secretKey: 'not the key' }).send(delivery()))
    expect(api.badSignatures).toBe(1)
    expect(error).toBeInstanceOf(Error)
    expect(isPortUnavailable(error)).toBe(false)
    expect(error).not.toBeInstanceOf(DeliveryFailedError)
  })

  it.each([
    ['status', 'LimitExceeded.PhoneNumberThirtySecondLimit', 'rate_limited', 30],
    ['status', 'LimitExceeded.PhoneNumberDailyLimit', 'rate_limited', 86_400],
    ['status', 'FailedOperation.InsufficientBalanceInSmsPackage', 'quota_exhausted', undefined],
    ['status', 'InvalidParameterValue.IncorrectPhoneNumber', 'recipient_refused', undefined],
    ['status', 'FailedOperation.PhoneNumberInBlacklist', 'recipient_refused', undefined],
    ['error', 'LimitExceeded.AppDailyLimit', 'quota_exhausted', undefined],
  ] as const)('%s %s → %s', async (kind, code, reason, retryAfter) => {
    api.behave({ kind, code })
    const error = await failureOf(sender().send(delivery()))
    expect(error).toBeInstanceOf(DeliveryFailedError)
    expect((error as DeliveryFailedError).reason).toBe(reason)
    expect((error as DeliveryFailedError).retryAfterSeconds).toBe(retryAfter)
  })

  it.each([
    ['an internal error', { kind: 'error', code: 'InternalError.Timeout' }],
    ['API throttling', { kind: 'error', code: 'RequestLimitExceeded' }],
    ['a server that does not answer in time', { kind: 'slow' }],
    ['a server that drops the connection', { kind: 'down' }],
  ] as const)('%s is unavailable (503), in bounded time', async (_name, behaviour) => {
    api.behave(behaviour)
    const started = Date.now()
    expect(isPortUnavailable(await failureOf(sender().send(delivery())))).toBe(true)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('refuses an email delivery', async () => {
    await expect(sender().send({ ...delivery(), channel: 'email', to: 'a@example.com' })).rejects.toThrow(TypeError)
  })

  it('no failure carries the code, the number or the secret key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<{ kind: 'status' | 'error'; code: string } | { kind: 'down' }>(
          { kind: 'status', code: 'InvalidParameterValue.IncorrectPhoneNumber' },
          { kind: 'error', code: 'AuthFailure.SignatureFailure' },
          { kind: 'error', code: 'InternalError.Timeout' },
          { kind: 'down' },
        ),
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^1[3-9]\d{9}$/),
        async (behaviour, code, national) => {
          api.behave(behaviour)
          const to = `+86${national}`
          const error = await failureOf(sender().send(delivery(to, code)))
          const shown = everythingShownOf(error)
          for (const secret of [code, national, api.credentials.secretKey]) expect(shown).not.toContain(secret)
        },
      ),
      { numRuns: 20 },
    )
  })
})

describeOtpSenderContract({
  name: 'Tencent Cloud SMS',
  channel: 'phone_number',
  recipients: Array.from({ length: 10 }, (_, i) => `+861380000000${i}`),
  make: () => {
    api.behave({ kind: 'ok' })
    api.received.length = 0
    return {
      sender: createTencentSmsSender({ ...api.credentials, smsSdkAppId: '1400000001', signName: 'Acme', templateId: '1234567', endpoint: api.endpoint, agent: api.agent, insecureHttpForTests: true }),
      delivered: async () => api.received.map(({ body }) => ({ to: body.PhoneNumberSet[0] ?? '', text: body.TemplateParamSet.join(' ') })),
    }
  },
})
