import { serverError, temporarilyUnavailable, deliveryUnavailable, smsRateLimitExceeded, deliveryQuotaSpent, userFrozen, humanCheckFailed, badOtp } from '@resetkit/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorResponse, fromUseCaseError, INPUT_LIMITS, invalidRequest, parseResetPasswordCommand, parseSendOtpCommand, preferredLocale, readJsonObject } from '../src/index.js'

// The words and headers the wire carries for each failure: what a client can show or act on.

const JSON_HEADERS = { 'content-type': 'application/json' }

describe('reading the body', () => {
  it.each([
    [{ kind: 'too_large' } as const, JSON_HEADERS, 'payload_too_large', 'The body is too large.'],
    [{ kind: 'text', text: '{}' } as const, { 'content-type': 'text/plain' }, 'unsupported_media_type', 'The body must be application/json.'],
    [{ kind: 'text', text: '{"a":' } as const, JSON_HEADERS, 'invalid_request', 'The body is not valid JSON.'],
    [{ kind: 'text', text: '[1]' } as const, JSON_HEADERS, 'invalid_request', 'The body must be a JSON object.'],
    [{ kind: 'text', text: 'null' } as const, JSON_HEADERS, 'invalid_request', 'The body must be a JSON object.'],
    [{ kind: 'text', text: '"text"' } as const, JSON_HEADERS, 'invalid_request', 'The body must be a JSON object.'],
  ])('%o → %s: %s', (body, headers, code, description) => {
    expect(readJsonObject(headers, body)._unsafeUnwrapErr()).toEqual({ code, description })
  })

  it('any JSON object is read as itself', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }).filter((key) => key !== '__proto__'), fc.jsonValue()), (object) => {
        expect(readJsonObject(JSON_HEADERS, { kind: 'text', text: JSON.stringify(object) })._unsafeUnwrap()).toEqual(JSON.parse(JSON.stringify(object)))
      }),
    )
  })
})

describe('use-case errors on the wire', () => {
  it('a server error keeps its cause for the host and shows no text', () => {
    const error = serverError('users.findById', new Error('db bug'))
    expect(fromUseCaseError(error)).toEqual({ code: 'server_error', serverError: error })
    expect(JSON.parse(errorResponse(fromUseCaseError(error)).body)).toEqual({ error: 'server_error' })
  })

  it('an outage asks to retry in 5 s; only a failed delivery says the CIAM’s sentence', () => {
    const outage = temporarilyUnavailable('users.findById')
    expect(fromUseCaseError(outage)).toEqual({ code: 'temporarily_unavailable', headers: { 'retry-after': '5' }, serverError: outage })
    const delivery = deliveryUnavailable(new Error('smtp'))
    expect(fromUseCaseError(delivery)).toMatchObject({ description: 'Failed to send OTP. Please try again later.', headers: { 'retry-after': '5' } })
  })

  it('a delivery refusal carries Retry-After exactly when it knows the wait', () => {
    expect(fromUseCaseError(smsRateLimitExceeded(30_000))).toEqual({ code: 'sms_rate_limit_exceeded', description: 'SMS rate limit exceeded for same phone number.', headers: { 'retry-after': '30' } })
    expect(fromUseCaseError(smsRateLimitExceeded())).toEqual({ code: 'sms_rate_limit_exceeded', description: 'SMS rate limit exceeded for same phone number.' })
    expect(fromUseCaseError(deliveryQuotaSpent('email'))).toEqual({ code: 'insufficient_email_quota', description: 'The email quota is exhausted.' })
    expect(fromUseCaseError({ code: 'invalid_email', description: 'No such mailbox.' })).toEqual({ code: 'invalid_email', description: 'No such mailbox.' })
  })

  it('status, human-check and malformed-email errors keep their text; the OTP errors send none, as the CIAM does', () => {
    expect(fromUseCaseError(userFrozen())).toEqual({ code: 'abnormal_user_status', description: 'User is frozen.' })
    expect(fromUseCaseError(humanCheckFailed(true))).toEqual({ code: 'human_check_failed', description: 'A human check token is required.' })
    expect(fromUseCaseError({ code: 'malformed_email', description: 'Not an email.' })).toEqual({ code: 'malformed_email', description: 'Not an email.' })
    expect(fromUseCaseError(badOtp('email'))).toEqual({ code: 'bad_email_otp' })
    expect(fromUseCaseError(invalidRequest('email', 'email is required.'))).toEqual({ code: 'invalid_request', description: 'email is required.', extra: { field: 'email' } })
  })
})

describe('body fields', () => {
  it('names what is missing or not accepted', () => {
    expect(parseResetPasswordCommand({ password: 'x' }, 'web')._unsafeUnwrapErr()).toMatchObject({ field: 'email', description: 'email or phone_number is required.' })
    expect(parseSendOtpCommand({ usage: 'login', email: 'a@example.com', email_otp: '1' }, 'web')._unsafeUnwrapErr()).toMatchObject({ field: 'email_otp', description: 'email_otp is not accepted here.' })
  })

  it('a phone number longer than its own limit is refused as a field, before it is parsed', () => {
    const long = `+86${'1'.repeat(INPUT_LIMITS.phoneNumber - 2)}`
    expect(parseSendOtpCommand({ usage: 'login', phone_number: long }, 'web')._unsafeUnwrapErr()).toMatchObject({ code: 'invalid_request', field: 'phone_number' })
  })

  it('a send without a human-check token carries no token member at all', () => {
    expect(parseSendOtpCommand({ usage: 'login', email: 'a@example.com' }, 'web')._unsafeUnwrap()).not.toHaveProperty('humanCheckToken')
  })

  it('a national phone number is read in mainland China unless told otherwise', () => {
    const body = { password: 'x', phone_number: '13800138000', phone_number_otp_token: 't', phone_number_otp: '1' }
    expect(parseResetPasswordCommand(body, 'web')._unsafeUnwrap().identifier).toEqual({ channel: 'phone_number', value: '+8613800138000' })
  })
})

describe('Accept-Language', () => {
  it.each([
    ['en;q=0, fr;q=1', 'fr'],
    ['en;q=1.5, fr;q=0.1', 'fr'],
    ['en;q=abc, fr;q=0.2', 'fr'],
    ['en;q=0.5, fr;q=0.5', 'en'],
    ['en;level=1;q=0.4, de;q=0.3', 'en'],
    ['en;q=0', undefined],
  ])('%j → %j', (header, locale) => {
    expect(preferredLocale(header)).toBe(locale)
  })

  it('a header of exactly the limit is read; one longer is ignored', () => {
    const header = (length: number) => `en, ${'x'.repeat(length - 4)}`
    expect(header(INPUT_LIMITS.acceptLanguage)).toHaveLength(INPUT_LIMITS.acceptLanguage)
    expect(preferredLocale(header(INPUT_LIMITS.acceptLanguage))).toBe('en')
    expect(preferredLocale(header(INPUT_LIMITS.acceptLanguage + 1))).toBeUndefined()
  })
})
