import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { identifierKey, isRegion, normaliseEmail, normaliseIdentifier, normalisePhoneNumber } from '../src/identifier.js'

const local = (length: number): string => 'a'.repeat(length)
/** A deliverable domain of exactly `length` characters (labels of ≤ 63). */
const domainOf = (length: number): string => {
  const labels: string[] = []
  let left = length - 4 // room for '.com'
  while (left > 0) {
    const size = Math.min(63, left)
    labels.push('d'.repeat(size))
    left -= size + 1
  }
  const name = `${labels.join('.')}.com`
  return name.length === length ? name : `${name.slice(0, length - 4).replace(/\.$/, 'd')}.com`
}

describe('email addresses: RFC 5321 limits, exactly', () => {
  it('the whole address may be 254 characters, not 255', () => {
    const at254 = `${local(64)}@${domainOf(254 - 65)}`
    expect(at254).toHaveLength(254)
    expect(normaliseEmail(at254)._unsafeUnwrap()).toBe(at254)
    const at255 = `${local(64)}@${domainOf(255 - 65)}`
    expect(at255).toHaveLength(255)
    expect(normaliseEmail(at255)._unsafeUnwrapErr()).toBe('must be at most 254 characters')
  })

  it('the local part may be 64 characters, not 65', () => {
    expect(normaliseEmail(`${local(64)}@example.com`).isOk()).toBe(true)
    expect(normaliseEmail(`${local(65)}@example.com`)._unsafeUnwrapErr()).toBe('local part must be at most 64 characters')
  })

  it('the limits apply after trimming, and the address is lower-cased', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t]{0,5}$/), fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), (pad, name) => {
        expect(normaliseEmail(`${pad}${name}@Example.COM${pad}`)._unsafeUnwrap()).toBe(`${name.toLowerCase()}@example.com`)
      }),
    )
    expect(normaliseEmail(` ${local(64)}@${domainOf(254 - 65)} `).isOk()).toBe(true)
  })

  it('each malformed shape gets its own reason', () => {
    const cases: [string, string][] = [
      ['', 'must not be empty'],
      ['   ', 'must not be empty'],
      ['@example.com', 'must be an email address'],
      ['alice', 'must be an email address'],
      ['alice@', 'must be an email address'],
      ['a@b@example.com', 'must be an email address'],
      ['al ice@example.com', 'must not contain spaces or control characters'],
      ['al\u0000ice@example.com', 'must not contain spaces or control characters'],
      ['al\u200bice@example.com', 'must not contain spaces or control characters'],
      ['"alice"@example.com', 'must not have a quoted local part'],
      ['alice@localhost', 'must have a domain mail can be delivered to'],
      ['alice@[127.0.0.1]', 'must have a domain mail can be delivered to'],
      ['alice@::1', 'must have a domain mail can be delivered to'],
      ['alice@10.0.0.1', 'must have a domain mail can be delivered to'],
      ['alice@192.168.100.200', 'must have a domain mail can be delivered to'],
      ['alice@1.2.3', 'must have a domain mail can be delivered to'],
      ['alice@example..com', 'must have a domain mail can be delivered to'],
      ['alice@exa%mple.com', 'must have a domain mail can be delivered to'],
    ]
    for (const [raw, reason] of cases) expect(normaliseEmail(raw)._unsafeUnwrapErr(), JSON.stringify(raw)).toBe(reason)
  })

  it('a domain that is a dotted quad only in part is a host name', () => {
    expect(normaliseEmail('alice@10.0.0.1.example.com').isOk()).toBe(true)
    expect(normaliseEmail('alice@1.2.3.com').isOk()).toBe(true)
  })
})

describe('identifier keys: one mailbox or number, one key', () => {
  it('the key names the channel, so an email and a phone number never share one', () => {
    expect(identifierKey({ channel: 'email', value: 'alice@example.com' })).toBe('email:alice@example.com')
    expect(identifierKey({ channel: 'phone_number', value: '+8613800138000' })).toBe('phone_number:+8613800138000')
  })

  it('a +tag is dropped only after the first character; Gmail’s dots only at Gmail and Googlemail', () => {
    expect(identifierKey({ channel: 'email', value: '+tag@example.com' })).toBe('email:+tag@example.com')
    expect(identifierKey({ channel: 'email', value: 'a+b+c@example.com' })).toBe('email:a@example.com')
    expect(identifierKey({ channel: 'email', value: 'a.b@googlemail.com' })).toBe('email:ab@gmail.com')
    expect(identifierKey({ channel: 'email', value: 'a.b@gmail.com.' })).toBe('email:ab@gmail.com')
    expect(identifierKey({ channel: 'email', value: 'a.b@mail.gmail.com' })).toBe('email:a.b@mail.gmail.com')
    expect(identifierKey({ channel: 'email', value: 'a.b@BÜCHER.de' })).toBe('email:a.b@xn--bcher-kva.de')
    // An identifier that was never normalised keeps its domain as written.
    expect(identifierKey({ channel: 'email', value: 'a+x@localhost' })).toBe('email:a@localhost')
  })
})

describe('phone numbers: E.164, mobile ranges only', () => {
  it('reads a national number in the default region and an international one anywhere', () => {
    expect(normalisePhoneNumber('138 0013 8000', 'CN')._unsafeUnwrap()).toBe('+8613800138000')
    expect(normalisePhoneNumber(' +86 138-0013-8000 ', 'US')._unsafeUnwrap()).toBe('+8613800138000')
  })

  it('each refusal has its reason, and the length bound comes before parsing', () => {
    expect(normalisePhoneNumber('  ', 'CN')._unsafeUnwrapErr()).toBe('must not be empty')
    expect(normalisePhoneNumber(`+86${'1'.repeat(30)}`, 'CN')._unsafeUnwrapErr()).toBe('must be at most 32 characters')
    expect(normalisePhoneNumber(`+86 138 0013 8000${' '.repeat(15)}x`, 'CN')._unsafeUnwrapErr()).toBe('must be at most 32 characters')
    expect(normalisePhoneNumber('12', 'CN')._unsafeUnwrapErr()).toBe('must be a valid phone number')
    expect(normalisePhoneNumber('not a number', 'CN')._unsafeUnwrapErr()).toBe('must be a valid phone number')
    // A Beijing fixed line: possible, but not a mobile number.
    expect(normalisePhoneNumber('+86 10 6552 9988', 'CN')._unsafeUnwrapErr()).toBe('must be a mobile number')
  })

  it('32 characters (after trimming) are still read; 33 are not', () => {
    const spaced = (gap: number): string => `+86${' '.repeat(gap)}13800138000`
    expect(spaced(18)).toHaveLength(32)
    expect(normalisePhoneNumber(` ${spaced(18)} `, 'CN')._unsafeUnwrap()).toBe('+8613800138000')
    expect(normalisePhoneNumber(spaced(19), 'CN')._unsafeUnwrapErr()).toBe('must be at most 32 characters')
  })

  it('normaliseIdentifier dispatches by channel and tags the value with it', () => {
    expect(normaliseIdentifier('email', 'Alice@Example.com', 'CN')._unsafeUnwrap()).toEqual({ channel: 'email', value: 'alice@example.com' })
    expect(normaliseIdentifier('phone_number', '13800138000', 'CN')._unsafeUnwrap()).toEqual({ channel: 'phone_number', value: '+8613800138000' })
    expect(normaliseIdentifier('email', '13800138000', 'CN').isErr()).toBe(true)
    expect(normaliseIdentifier('phone_number', 'alice@example.com', 'CN').isErr()).toBe(true)
  })

  it('regions are ISO codes libphonenumber knows', () => {
    expect(isRegion('CN')).toBe(true)
    expect(isRegion('US')).toBe(true)
    expect(isRegion('XX')).toBe(false)
    expect(isRegion('cn')).toBe(false)
  })
})

describe('email domains: a host, and nothing the URL parser would strip', () => {
  // new URL('http://x@example.com/y').hostname is "example.com": a domain carrying userinfo, a
  // path, a query, a fragment, a port or escapes would pass as another mailbox's domain.
  it('any such character anywhere in the domain refuses the address', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/)
    fc.assert(
      fc.property(label, label, fc.constantFrom(':', '@', '/', '\\', '?', '#', '%', '%6d', ':25', '/x', '?q=1', '#top'), fc.nat(), (name, tld, injected, at) => {
        const domain = `${name}.${tld}x`
        const position = at % (domain.length + 1)
        const spoiled = `${domain.slice(0, position)}${injected}${domain.slice(position)}`
        expect(normaliseEmail(`alice@${domain}`).isOk()).toBe(true)
        expect(normaliseEmail(`alice@${spoiled}`).isErr()).toBe(true)
      }),
    )
  })

  it('such spellings are refused, never taken for the plain address', () => {
    expect(normaliseIdentifier('email', 'alice@example.com', 'CN').isOk()).toBe(true)
    for (const spoiled of ['alice@evil.example@example.com', 'alice@example.com/evil', 'alice@exa%6dple.com', 'alice@example.com#x', 'alice@example.com:25']) {
      expect(normaliseIdentifier('email', spoiled, 'CN').isErr()).toBe(true)
    }
  })
})
