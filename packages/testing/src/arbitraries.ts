import fc from 'fast-check'
import { normaliseEmail, normalisePhoneNumber } from '@resetkit/core'

/** Normalised (lower-case) email addresses the parser accepts. */
export const emailArbitrary = (): fc.Arbitrary<string> =>
  fc
    .emailAddress({ size: 'small' })
    .map((email) => email.toLowerCase())
    .filter((email) => normaliseEmail(email).isOk())

// Prefixes the three carriers have issued for mobile numbers (libphonenumber's mobile ranges).
const CN_MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199']

/** Chinese mobile numbers in E.164 (+86 1xx xxxx xxxx), valid mobile numbers for libphonenumber. */
export const phoneNumberArbitrary = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...CN_MOBILE_PREFIXES), fc.stringMatching(/^[0-9]{8}$/))
    .map(([prefix, rest]) => `+86${prefix}${rest}`)
    .filter((number) => normalisePhoneNumber(number, 'CN').isOk())

const COMMON_WORDS = ['password', 'qwerty', 'letmein', 'dragon', 'monkey', 'iloveyou', 'admin', 'welcome', 'football', 'sunshine']
const STRONG_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*+-=?@^_~'

export type PasswordStrength = 'weak' | 'strong' | 'unicode'

/**
 * Passwords by class: `weak` (common words, digits, l33t: zxcvbn score < 3), `strong` (20
 * characters from 70, at least 12 distinct: zxcvbn score 4) or `unicode` (any code points,
 * including astral and NFKC-sensitive ones, 1–80 long).
 */
export const passwordArbitrary = (strength: PasswordStrength): fc.Arbitrary<string> => {
  switch (strength) {
    case 'weak':
      return fc
        .tuple(fc.constantFrom(...COMMON_WORDS), fc.integer({ min: 0, max: 99 }), fc.boolean())
        .map(([word, digits, leet]) => `${leet ? word.replace(/a/g, '@').replace(/o/g, '0') : word}${digits}`)
    case 'strong':
      // fast-check likes repeated characters ("aaaa…"); at least 12 distinct keeps it strong.
      return fc
        .string({ unit: fc.constantFrom(...STRONG_ALPHABET), minLength: 20, maxLength: 20 })
        .filter((password) => new Set(password).size >= 12)
    case 'unicode':
      return fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
  }
}

/** OTP codes of `length` digits. */
export const otpCodeArbitrary = (length = 6): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`))

/** A well-formed `POST /reset_user_password` body for either channel. */
export const validResetBodyArbitrary = (): fc.Arbitrary<Record<string, string>> =>
  fc.oneof(
    fc.record({ password: passwordArbitrary('strong'), email: emailArbitrary(), email_otp_token: fc.base64String({ minLength: 4, maxLength: 64 }), email_otp: otpCodeArbitrary() }),
    fc.record({ password: passwordArbitrary('strong'), phone_number: phoneNumberArbitrary(), phone_number_otp_token: fc.base64String({ minLength: 4, maxLength: 64 }), phone_number_otp: otpCodeArbitrary() }),
  )

const RESET_FIELDS = ['password', 'email', 'email_otp_token', 'email_otp', 'phone_number', 'phone_number_otp_token', 'phone_number_otp'] as const

/**
 * Bodies the parser must refuse: a required field removed, retyped or emptied, both channels at
 * once, or something that is not an object at all.
 */
export const invalidResetBodyArbitrary = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    validResetBodyArbitrary().chain((body) =>
      fc.constantFrom(...Object.keys(body)).map((field) => {
        const { [field]: _removed, ...rest } = body
        return rest
      }),
    ),
    validResetBodyArbitrary().chain((body) =>
      fc
        .tuple(fc.constantFrom(...Object.keys(body)), fc.oneof(fc.integer(), fc.boolean(), fc.constant(''), fc.array(fc.string()), fc.object()))
        .map(([field, value]) => ({ ...body, [field]: value })),
    ),
    validResetBodyArbitrary().map((body) =>
      'email' in body ? { ...body, phone_number: '+8613800000001' } : { ...body, email: 'mixed@example.com' },
    ),
    fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.anything())),
    fc.constant(Object.fromEntries(RESET_FIELDS.map((field) => [field, 'x'.repeat(5000)]))),
  )

/** One step in an OTP's life, for model-based tests. */
export type OtpStep =
  | { readonly kind: 'wrong_code' }
  | { readonly kind: 'right_code' }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'resend' }

export const otpStepsArbitrary = (maxLength = 20): fc.Arbitrary<OtpStep[]> =>
  fc.array(
    fc.oneof(
      fc.constant<OtpStep>({ kind: 'wrong_code' }),
      fc.constant<OtpStep>({ kind: 'right_code' }),
      fc.integer({ min: 1, max: 400_000 }).map<OtpStep>((ms) => ({ kind: 'advance', ms })),
      fc.constant<OtpStep>({ kind: 'resend' }),
    ),
    { maxLength },
  )
