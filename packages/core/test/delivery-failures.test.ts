import { createCapturingAuditLog, createMemoryOtpStore } from '@resetkit/adapters-memory'
import { describe, expect, it } from 'vitest'
import { createSendOtp, DeliveryFailedError, notifiersByChannel, PortUnavailableError, sendersByChannel, type Channel, type DeliveryFailure } from '../src/index.js'

const identifiers: Record<Channel, { channel: Channel; value: string }> = {
  email: { channel: 'email', value: 'a@example.com' },
  phone_number: { channel: 'phone_number', value: '+8613800000001' },
}

function sendFailingWith(cause: unknown, channel: Channel) {
  const log = createCapturingAuditLog()
  const sendOtp = createSendOtp({
    store: createMemoryOtpStore(),
    sender: { send: () => Promise.reject(cause) },
    resendLimits: false,
    deliveryBudgets: false,
    knownAccountsOnly: { phone_number: false },
    audit: { log, pseudonymKey: 'k'.repeat(32) },
  })
  return { log, result: sendOtp({ clientId: 'web', usage: 'reset_password', identifier: identifiers[channel] }) }
}

describe('a provider that says why it did not deliver', () => {
  it.each([
    ['quota_exhausted', 'email', 'insufficient_email_quota'],
    ['quota_exhausted', 'phone_number', 'insufficient_sms_quota'],
    ['recipient_refused', 'email', 'invalid_email'],
    ['recipient_refused', 'phone_number', 'malformed_phone_number'],
    ['rate_limited', 'phone_number', 'sms_rate_limit_exceeded'],
    ['rate_limited', 'email', 'too_many_requests'],
  ] as [DeliveryFailure, Channel, string][])('%s on %s → %s, and the audit trail says so', async (reason, channel, code) => {
    const { log, result } = sendFailingWith(new DeliveryFailedError(reason, { cause: new Error('provider said: +8613800000001 refused') }), channel)
    const error = (await result)._unsafeUnwrapErr()
    expect(error.code).toBe(code)
    expect(JSON.stringify(error)).not.toContain('8613800000001')
    expect(log.ofType('otp_send_refused').map((event) => event.reason)).toEqual([code === 'too_many_requests' ? 'rate_limited' : code])
  })

  it('a provider that cannot be reached, or fails without saying why, is the CIAM’s 503 temporarily_unavailable', async () => {
    for (const [cause, channel] of [[new PortUnavailableError('sms'), 'phone_number'], [new Error('bug'), 'email']] as const) {
      const { log, result } = sendFailingWith(cause, channel)
      expect((await result)._unsafeUnwrapErr()).toMatchObject({ code: 'temporarily_unavailable', port: 'otp.send', description: 'Failed to send OTP. Please try again later.', cause })
      expect(log.events).toEqual([expect.objectContaining({ type: 'otp_send_refused', reason: 'temporarily_unavailable' })])
    }
  })
})

describe('sendersByChannel and notifiersByChannel', () => {
  it('hand each delivery to its channel, and refuse a channel nobody serves', async () => {
    const seen: string[] = []
    const sender = sendersByChannel({ email: { send: async ({ to }) => void seen.push(`email:${to}`) } })
    await sender.send({ channel: 'email', to: 'a@example.com', code: '1', usage: 'login', expiresAt: 0 })
    await expect(sender.send({ channel: 'phone_number', to: '+8613800000001', code: '1', usage: 'login', expiresAt: 0 })).rejects.toThrow(TypeError)
    const notifier = notifiersByChannel({ phone_number: { notify: async ({ to }) => void seen.push(`sms:${to}`) } })
    await notifier.notify({ event: 'password_changed', userId: 'u', channel: 'phone_number', to: '+8613800000001', at: 0 })
    await expect(notifier.notify({ event: 'password_changed', userId: 'u', channel: 'email', to: 'a@example.com', at: 0 })).rejects.toThrow(TypeError)
    expect(seen).toEqual(['email:a@example.com', 'sms:+8613800000001'])
  })
})
