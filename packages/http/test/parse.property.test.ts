import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseResetPasswordCommand } from '../src/parse/reset-password-command.js'
import { parseSendOtpCommand } from '../src/parse/send-otp-command.js'
import { invalidResetBodyArbitrary, validResetBodyArbitrary } from '@resetkit/testing'

describe('parsing untrusted bodies', () => {
  it('every well-formed body parses, with exactly its own channel', () => {
    fc.assert(
      fc.property(validResetBodyArbitrary(), (body) => {
        const command = parseResetPasswordCommand(body, 'client')._unsafeUnwrap()
        expect(command.identifier.channel).toBe('email' in body ? 'email' : 'phone_number')
        expect(command.password).toBe(body.password)
      }),
    )
  })

  it('every malformed body is invalid_request naming a field, never a throw', () => {
    fc.assert(
      fc.property(invalidResetBodyArbitrary(), (body) => {
        const error = parseResetPasswordCommand(body, 'client')._unsafeUnwrapErr()
        expect(error.code).toBe('invalid_request')
        expect(error.field.length).toBeGreaterThan(0)
      }),
    )
  })

  it('any JSON value at all parses or fails as a value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const result = parseResetPasswordCommand(body, 'client')
        expect(result.isOk() || result.error.code === 'invalid_request').toBe(true)
      }),
    )
  })

  it.each([
    [{ email: 'a@b.co', email_otp_token: 't', email_otp: '1' }, 'password'],
    [{ password: 'x', email: 'a@b.co', email_otp_token: 't' }, 'email_otp'],
    [{ password: 'x', email: 'a@b.co', email_otp_token: 't', email_otp: 1 }, 'email_otp'],
    [{ password: 'x', email: 'not-an-email', email_otp_token: 't', email_otp: '1' }, 'email'],
    [{ password: 'x', phone_number: '12', phone_number_otp_token: 't', phone_number_otp: '1' }, 'phone_number'],
    [{ password: 'x', email: 'a@b.co', email_otp_token: 't', email_otp: '1', phone_number_otp: '2' }, 'phone_number_otp'],
    [{ password: '', email: 'a@b.co', email_otp_token: 't', email_otp: '1' }, 'password'],
    [{ password: 'x'.repeat(4097), email: 'a@b.co', email_otp_token: 't', email_otp: '1' }, 'password'],
    [{ password: 'x' }, 'email'],
    [[], 'body'],
  ])('%j → invalid_request on %s', (body, field) => {
    expect(parseResetPasswordCommand(body, 'c')._unsafeUnwrapErr()).toMatchObject({ code: 'invalid_request', field })
  })

  it('normalises identifiers once: email trimmed and lower-cased, phone to E.164 in the default region', () => {
    const email = parseResetPasswordCommand({ password: 'x', email: '  Alice@Example.COM ', email_otp_token: 't', email_otp: '1' }, 'c')
    expect(email._unsafeUnwrap().identifier).toEqual({ channel: 'email', value: 'alice@example.com' })
    const phone = parseSendOtpCommand({ usage: 'reset_password', phone_number: '138 0000 0001' }, 'c')
    expect(phone._unsafeUnwrap().identifier).toEqual({ channel: 'phone_number', value: '+8613800000001' })
    const us = parseSendOtpCommand({ usage: 'reset_password', phone_number: '(201) 555-0123' }, 'c', { defaultRegion: 'US' })
    expect(us._unsafeUnwrap().identifier.value).toBe('+12015550123')
  })

  it('reads own fields only: a __proto__ key in JSON is ignored, not inherited', () => {
    const body = JSON.parse('{"__proto__": {"password": "polluted"}, "email": "a@b.co", "email_otp_token": "t", "email_otp": "1"}')
    expect(parseResetPasswordCommand(body, 'c')._unsafeUnwrapErr().field).toBe('password')
    const inherited = Object.create({ password: 'inherited' })
    Object.assign(inherited, { email: 'a@b.co', email_otp_token: 't', email_otp: '1' })
    expect(parseResetPasswordCommand(inherited, 'c')._unsafeUnwrapErr().field).toBe('password')
  })

  it('send: usage must be a known value and only the identifier is taken', () => {
    expect(parseSendOtpCommand({ usage: 'steal', email: 'a@b.co' }, 'c')._unsafeUnwrapErr()).toMatchObject({ code: 'invalid_request', field: 'usage' })
    expect(parseSendOtpCommand({ usage: 'login', email: 'a@b.co', email_otp: '1' }, 'c')._unsafeUnwrapErr()).toMatchObject({ code: 'invalid_request', field: 'email_otp' })
  })

  it('send, as the CIAM documents it: usage defaults to login; a malformed identifier is malformed_email / malformed_phone_number', () => {
    expect(parseSendOtpCommand({ email: 'a@b.co' }, 'c')._unsafeUnwrap().usage).toBe('login')
    for (const email of ['not-an-email', 'a@localhost', '"q"@b.co', 'a@@b.co']) {
      expect(parseSendOtpCommand({ usage: 'reset_password', email }, 'c')._unsafeUnwrapErr().code).toBe('malformed_email')
    }
    for (const phone_number of ['12', 'abc', '+999123']) {
      expect(parseSendOtpCommand({ usage: 'reset_password', phone_number }, 'c')._unsafeUnwrapErr().code).toBe('malformed_phone_number')
    }
    // The body's shape is still invalid_request: a number for a string, both channels, none.
    expect(parseSendOtpCommand({ usage: 'login', email: 42 }, 'c')._unsafeUnwrapErr().code).toBe('invalid_request')
    expect(parseSendOtpCommand({ usage: 'login' }, 'c')._unsafeUnwrapErr().code).toBe('invalid_request')
  })
})
