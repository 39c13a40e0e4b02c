import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'
import { err, ok, type Result } from 'neverthrow'

export type Channel = 'email' | 'phone_number'

/** A normalised user identifier: a lower-cased email or an E.164 phone number. */
export type Identifier =
  | { readonly channel: 'email'; readonly value: string }
  | { readonly channel: 'phone_number'; readonly value: string }

export type { CountryCode }

/** RFC 5321 limits: 64 octets of local part, 254 for the whole path. */
const MAX_EMAIL_LENGTH = 254
const MAX_LOCAL_PART_LENGTH = 64
const MAX_PHONE_INPUT_LENGTH = 32
// Whitespace, control characters and a second '@' are never part of an address we deliver to.
const FORBIDDEN_IN_EMAIL = /[\s\p{Cc}\p{Cf}]/u

export function normaliseEmail(raw: string): Result<string, string> {
  const email = raw.trim().toLowerCase()
  if (email.length === 0) return err('must not be empty')
  if (email.length > MAX_EMAIL_LENGTH) return err(`must be at most ${MAX_EMAIL_LENGTH} characters`)
  const at = email.indexOf('@')
  if (at <= 0 || at !== email.lastIndexOf('@') || at === email.length - 1) {
    return err('must be an email address')
  }
  if (at > MAX_LOCAL_PART_LENGTH) return err(`local part must be at most ${MAX_LOCAL_PART_LENGTH} characters`)
  if (FORBIDDEN_IN_EMAIL.test(email)) return err('must not contain spaces or control characters')
  return ok(email)
}

/** Parses a phone number into E.164; numbers without `+` are read in `defaultRegion`. */
export function normalisePhoneNumber(raw: string, defaultRegion: CountryCode): Result<string, string> {
  const text = raw.trim()
  if (text.length === 0) return err('must not be empty')
  if (text.length > MAX_PHONE_INPUT_LENGTH) return err(`must be at most ${MAX_PHONE_INPUT_LENGTH} characters`)
  const parsed = parsePhoneNumberFromString(text, defaultRegion)
  if (parsed === undefined || !parsed.isValid()) return err('must be a valid phone number')
  return ok(parsed.number)
}

export function normaliseIdentifier(
  channel: Channel,
  raw: string,
  defaultRegion: CountryCode,
): Result<Identifier, string> {
  return channel === 'email'
    ? normaliseEmail(raw).map((value) => ({ channel, value }))
    : normalisePhoneNumber(raw, defaultRegion).map((value) => ({ channel, value }))
}
