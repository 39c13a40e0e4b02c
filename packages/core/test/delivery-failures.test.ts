import { createCapturingAuditLog, createMemoryOtpStore } from '@resetkit/adapters-memory'
import { describe, expect, it } from 'vitest'
import { createSendOtp, DeliveryFailedError, PortUnavailableError, type Channel, type DeliveryFailure } from '../src/index.js'

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

  it('a provider that cannot be reached is temporarily_unavailable; any other failure stays server_error', async () => {
    expect((await sendFailingWith(new PortUnavailableError('sms'), 'phone_number').result)._unsafeUnwrapErr().code).toBe('temporarily_unavailable')
    expect((await sendFailingWith(new Error('bug'), 'email').result)._unsafeUnwrapErr().code).toBe('server_error')
  })
})
