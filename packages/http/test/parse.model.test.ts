import fc from 'fast-check'
import { normaliseIdentifier, OTP_USAGES } from '@resetkit/core'
import { describe, expect, it } from 'vitest'
import { parseChangePasswordCommand } from '../src/parse/change-password-command.js'
import { INPUT_LIMITS } from '../src/parse/limits.js'
import { parseResetPasswordCommand } from '../src/parse/reset-password-command.js'
import { parseSendOtpCommand } from '../src/parse/send-otp-command.js'

// The parsers restated as a model: which field is wrong first, and what the error says.
const ABSENT = Symbol('absent')
type Value = typeof ABSENT | unknown

const isPresent = (value: Value): boolean => value !== ABSENT && value !== undefined && value !== null

/** readString's rules: present, a string, not empty, within the limit; else field and reason. */
function stringProblem(name: string, value: Value, limit: number): string | undefined {
  if (!isPresent(value)) return `${name} is required.`
  if (typeof value !== 'string') return `${name} must be a string.`
  if (value.length === 0) return `${name} must not be empty.`
  if (value.length > limit) return `${name} must be at most ${limit} characters.`
  return undefined
}

/** A field's value: absent, null, of the wrong type, empty, at or over its limit, or ordinary. */
const valueFor = (limit: number, ordinary: fc.Arbitrary<string>): fc.Arbitrary<Value> =>
  fc.oneof(
    { weight: 6, arbitrary: ordinary },
    fc.constantFrom<Value>(ABSENT, undefined, null, '', 42, true, ['x'], { x: 1 }),
    fc.constantFrom('x'.repeat(limit), 'x'.repeat(limit + 1)),
  )

const email = fc.constantFrom('alice@example.com', ' Bob@Example.COM ', 'not-an-email', 'carol@localhost')
const phone = fc.constantFrom('13800138000', '+86 138 0013 8001', '12', '+86 10 6552 9988')
const token = fc.stringMatching(/^[A-Za-z0-9_-]{1,43}$/)
const code = fc.stringMatching(/^\d{6}$/)

const channelFields = fc.record({
  email: valueFor(INPUT_LIMITS.email, email),
  email_otp_token: valueFor(INPUT_LIMITS.otpToken, token),
  email_otp: valueFor(INPUT_LIMITS.otp, code),
  phone_number: valueFor(INPUT_LIMITS.phoneNumber, phone),
  phone_number_otp_token: valueFor(INPUT_LIMITS.otpToken, token),
  phone_number_otp: valueFor(INPUT_LIMITS.otp, code),
})

const bodyOf = (fields: Record<string, Value>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ABSENT))

const EMAIL = ['email', 'email_otp_token', 'email_otp'] as const
const PHONE = ['phone_number', 'phone_number_otp_token', 'phone_number_otp'] as const

type Expected = { field: string; description: string; malformedIdentifier?: true } | { identifier: { channel: string; value: string }; values: string[] }

/** One channel's fields: exactly one channel, no field it does not take, each part a valid string. */
function channelModel(fields: Record<string, Value>, taken: number): Expected {
  const emailNames = EMAIL.filter((name) => isPresent(fields[name]))
  const phoneNames = PHONE.filter((name) => isPresent(fields[name]))
  if (emailNames.length > 0 && phoneNames.length > 0) return { field: phoneNames[0]!, description: 'Send either the email fields or the phone_number fields, not both.' }
  if (emailNames.length === 0 && phoneNames.length === 0) return { field: 'email', description: 'email or phone_number is required.' }
  const names = emailNames.length > 0 ? EMAIL : PHONE
  const stray = names.slice(taken).find((name) => isPresent(fields[name]))
  if (stray !== undefined) return { field: stray, description: `${stray} is not accepted here.` }
  const limits = [names === EMAIL ? INPUT_LIMITS.email : INPUT_LIMITS.phoneNumber, INPUT_LIMITS.otpToken, INPUT_LIMITS.otp]
  for (const [i, name] of names.slice(0, taken).entries()) {
    const problem = stringProblem(name, fields[name], limits[i]!)
    if (problem !== undefined) return { field: name, description: problem }
  }
  const channel = names === EMAIL ? 'email' : 'phone_number'
  const identifier = normaliseIdentifier(channel, fields[names[0]] as string, 'CN')
  if (identifier.isErr()) return { field: names[0], description: `${names[0]} ${identifier.error}.`, malformedIdentifier: true }
  return { identifier: identifier.value, values: names.slice(1, taken).map((name) => fields[name] as string) }
}

describe('the parsers against their model', () => {
  it('reset: the first wrong field and its reason, or the command', () => {
    fc.assert(
      fc.property(valueFor(INPUT_LIMITS.password, fc.string({ minLength: 1, maxLength: 30 })), channelFields, (password, fields) => {
        const result = parseResetPasswordCommand(bodyOf({ password, ...fields }), 'web')
        const passwordProblem = stringProblem('password', password, INPUT_LIMITS.password)
        const expected: Expected = passwordProblem === undefined ? channelModel(fields, 3) : { field: 'password', description: passwordProblem }
        if ('field' in expected) {
          expect(result._unsafeUnwrapErr()).toEqual({ code: 'invalid_request', field: expected.field, description: expected.description })
        } else {
          expect(result._unsafeUnwrap()).toEqual({ clientId: 'web', password, identifier: expected.identifier, otpToken: expected.values[0], otp: expected.values[1] })
        }
      }),
      { numRuns: 500 },
    )
  })

  it('send: usage (default login), then the human-check token, then one identifier and nothing else of its channel', () => {
    const usage = fc.oneof(fc.constantFrom<Value>(ABSENT, null, ...OTP_USAGES, 'logout', '', 7), fc.constant('x'.repeat(INPUT_LIMITS.usage + 1)))
    const humanCheck = valueFor(INPUT_LIMITS.humanCheckToken, token)
    fc.assert(
      fc.property(usage, humanCheck, channelFields, (givenUsage, givenToken, fields) => {
        const result = parseSendOtpCommand(bodyOf({ usage: givenUsage, human_check_token: givenToken, ...fields }), 'web')
        const invalid = (field: string, description: string): void => expect(result._unsafeUnwrapErr()).toEqual({ code: 'invalid_request', field, description })
        const usageProblem = isPresent(givenUsage) ? stringProblem('usage', givenUsage, INPUT_LIMITS.usage) : undefined
        if (usageProblem !== undefined) { invalid('usage', usageProblem); return }
        const effectiveUsage = isPresent(givenUsage) ? (givenUsage as string) : 'login'
        if (!(OTP_USAGES as readonly string[]).includes(effectiveUsage)) { invalid('usage', `usage must be one of ${OTP_USAGES.join(', ')}.`); return }
        const tokenProblem = isPresent(givenToken) ? stringProblem('human_check_token', givenToken, INPUT_LIMITS.humanCheckToken) : undefined
        if (tokenProblem !== undefined) { invalid('human_check_token', tokenProblem); return }
        const expected = channelModel(fields, 1)
        if ('field' in expected) {
          // A malformed identifier has /otp/send's own codes; every other problem is invalid_request.
          if (expected.malformedIdentifier === true) {
            expect(result._unsafeUnwrapErr()).toEqual({ code: expected.field === 'email' ? 'malformed_email' : 'malformed_phone_number', description: expected.description })
          } else {
            invalid(expected.field, expected.description)
          }
          return
        }
        const withToken = isPresent(givenToken) ? { humanCheckToken: givenToken } : {}
        expect(result._unsafeUnwrap()).toEqual({ clientId: 'web', usage: effectiveUsage, identifier: expected.identifier, ...withToken })
      }),
      { numRuns: 500 },
    )
  })

  it('change: old_password, then new_password, each bounded like a reset’s password', () => {
    const password = valueFor(INPUT_LIMITS.password, fc.string({ minLength: 1, maxLength: 30 }))
    fc.assert(
      fc.property(password, password, fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }), (oldPassword, newPassword, sessionId) => {
        const requester = { clientId: 'spa', userId: 'alice', ...(sessionId === undefined ? {} : { sessionId }) }
        const result = parseChangePasswordCommand(bodyOf({ old_password: oldPassword, new_password: newPassword }), requester)
        const problem = stringProblem('old_password', oldPassword, INPUT_LIMITS.password) ?? stringProblem('new_password', newPassword, INPUT_LIMITS.password)
        if (problem === undefined) expect(result._unsafeUnwrap()).toEqual({ ...requester, oldPassword, newPassword })
        else expect(result._unsafeUnwrapErr()).toEqual({ code: 'invalid_request', field: problem.split(' ')[0], description: problem })
      }),
      { numRuns: 300 },
    )
  })

  it('only a plain object is a body', () => {
    for (const body of [null, [], 'text', 3, true]) {
      const error = { code: 'invalid_request', field: 'body', description: 'The body must be a JSON object.' }
      expect(parseResetPasswordCommand(body, 'web')._unsafeUnwrapErr()).toEqual(error)
      expect(parseSendOtpCommand(body, 'web')._unsafeUnwrapErr()).toEqual(error)
      expect(parseChangePasswordCommand(body, { clientId: 'spa', userId: 'alice' })._unsafeUnwrapErr()).toEqual(error)
    }
  })
})
