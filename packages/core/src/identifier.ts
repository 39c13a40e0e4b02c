// The 'mobile' metadata knows only mobile ranges: a fixed-line, premium-rate, shared-cost or
// toll-free number does not parse as valid, so no code is ever sent to one (SMS pumping pays
// out on exactly those). Where a plan does not tell them apart (+1), a number counts as mobile.
import type { CountryCode } from 'libphonenumber-js/mobile'
import { phoneLibrary } from './phone-library.js'
import { err, ok, type Result } from 'neverthrow'

import type { Channel, Identifier } from './ports.js'

export type { Channel, Identifier }

export type { CountryCode }

/** Whether `code` is an ISO 3166 region libphonenumber knows (for `smsRegions` read from config). */
export const isRegion = (code: string): code is CountryCode => phoneLibrary().isSupportedCountry(code)

/** RFC 5321 limits: 64 octets of local part, 254 for the whole path. */
const MAX_EMAIL_LENGTH = 254
const MAX_LOCAL_PART_LENGTH = 64
const MAX_PHONE_INPUT_LENGTH = 32
// Whitespace, control and format characters, and U+FFFD (what invalid UTF-8 decodes to), are
// never part of an address we deliver to.
const FORBIDDEN_IN_EMAIL = /[\s\p{Cc}\p{Cf}\uFFFD]/u
const NOT_IN_DOMAIN = /[:@/\\?#%]/
const DOTTED_QUAD = /^\d+\.\d+\.\d+\.\d+$/

/**
 * The domain in ASCII (IDNA, as WHATWG URL does it), or null for one no mail gateway delivers
 * to: an address literal (`[127.0.0.1]`, a bare IP), a single label (`localhost`), or a name
 * that is not a host name at all.
 */
function deliverableDomain(domain: string): string | null {
  const known = knownDomains.get(domain)
  if (known !== undefined) return known
  const found = parseDomain(domain)
  if (knownDomains.size >= KNOWN_DOMAINS_LIMIT) knownDomains.clear()
  knownDomains.set(domain, found)
  return found
}

// A request reads its address's domain a few times (limit keys, audit pseudonyms) and the URL
// parser is most of that cost, while a few providers hold most mailboxes. Bounded, so a flood
// of made-up domains only empties it.
const KNOWN_DOMAINS_LIMIT = 1024
const knownDomains = new Map<string, string | null>()

function parseDomain(domain: string): string | null {
  // The URL parser would read these as userinfo, path, query, fragment, port or escapes and
  // hand back a host ("x@example.com/y" → "example.com"): none belongs in a mail domain.
  if (domain.startsWith('[') || NOT_IN_DOMAIN.test(domain)) return null
  let ascii: string
  try {
    ascii = new URL(`http://${domain}/`).hostname
  } catch {
    return null
  }
  const name = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii
  if (DOTTED_QUAD.test(name) || !name.includes('.') || name.split('.').some((label) => label.length === 0)) return null
  return name
}

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
  // Quoted local parts are valid RFC 5322 but almost no provider issues them; they would only
  // give one mailbox more spellings.
  if (email.startsWith('"')) return err('must not have a quoted local part')
  if (deliverableDomain(email.slice(at + 1)) === null) return err('must have a domain mail can be delivered to')
  return ok(email)
}

// Providers that ignore dots in the local part; '+tag' is folded for every domain.
const DOTS_IGNORED = new Set(['gmail.com', 'googlemail.com'])

/**
 * One mailbox however it is spelled: '+tag' dropped, the domain in ASCII without a trailing
 * dot, and Gmail's dots ignored. For limits and pseudonyms only: accounts are still looked up
 * and tokens still bound by the address as given.
 */
function mailboxOf(email: string): string {
  const at = email.lastIndexOf('@')
  const domain = deliverableDomain(email.slice(at + 1)) ?? email.slice(at + 1)
  let local = email.slice(0, at)
  const plus = local.indexOf('+')
  if (plus > 0) local = local.slice(0, plus)
  if (DOTS_IGNORED.has(domain)) return `${local.replaceAll('.', '')}@gmail.com`
  return `${local}@${domain}`
}

/**
 * The key every limit (send windows, guess budget, HTTP per-identifier limit) and every audit
 * pseudonym counts an identifier under, so two spellings of one mailbox share one budget.
 */
export function identifierKey(identifier: Identifier): string {
  return `${identifier.channel}:${identifier.channel === 'email' ? mailboxOf(identifier.value) : identifier.value}`
}

/**
 * Parses a mobile number into E.164; numbers without `+` are read in `defaultRegion`. A number
 * that is possible but not in a mobile range (fixed line, premium rate…) is refused.
 */
export function normalisePhoneNumber(raw: string, defaultRegion: CountryCode): Result<string, string> {
  const text = raw.trim()
  if (text.length === 0) return err('must not be empty')
  if (text.length > MAX_PHONE_INPUT_LENGTH) return err(`must be at most ${MAX_PHONE_INPUT_LENGTH} characters`)
  const parsed = phoneLibrary().parsePhoneNumberFromString(text, defaultRegion)
  if (parsed === undefined || !parsed.isPossible()) return err('must be a valid phone number')
  if (!parsed.isValid()) return err('must be a mobile number')
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
