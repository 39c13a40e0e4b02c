import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { identifierKey, normaliseEmail, type Identifier } from '../src/index.js'

const email = (value: string): Identifier => ({ channel: 'email', value })
const localPart = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,15}$/)
// Hyphens in a label's 3rd and 4th places are reserved for IDNA ('xn--'): such a label is not a
// plain host name, and an invalid one is refused below.
const domain = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/).filter((name) => name.slice(2, 4) !== '--'), fc.constantFrom('com', 'cn', 'io', 'de'))
  .map(([name, tld]) => `${name}.${tld}`)

describe('email identifiers: one mailbox, one budget', () => {
  it('a +tag, a trailing dot on the domain and the domain’s case never make a second budget for one mailbox', () => {
    fc.assert(
      fc.property(localPart, domain, fc.stringMatching(/^[a-z0-9]{0,8}$/), (local, host, tag) => {
        const plain = identifierKey(email(`${local}@${host}`))
        for (const spelling of [`${local}+${tag}@${host}`, `${local}@${host}.`, `${local}+${tag}@${host}.`]) {
          const normalised = normaliseEmail(spelling.toUpperCase())
          expect(normalised.isOk()).toBe(true)
          expect(identifierKey(email(normalised._unsafeUnwrap()))).toBe(plain)
        }
      }),
    )
  })

  // Domains read once are remembered, up to a bound; past it, the answers must not change.
  it('an address keeps its key and its verdict after more domains than are remembered were read', () => {
    const addresses = ['ann@example.com', 'bob@xn--bcher-kva.example', 'cat@localhost', 'dan@1.2.3.4', 'eve@bücher.example']
    const before = addresses.map((address) => [identifierKey(email(address)), normaliseEmail(address).isOk()])
    for (let i = 0; i < 2_500; i++) identifierKey(email(`user@host-${i}.example`))
    expect(addresses.map((address) => [identifierKey(email(address)), normaliseEmail(address).isOk()])).toEqual(before)
    expect(before).toEqual([
      ['email:ann@example.com', true],
      ['email:bob@xn--bcher-kva.example', true],
      ['email:cat@localhost', false],
      ['email:dan@1.2.3.4', false],
      ['email:eve@xn--bcher-kva.example', true],
    ])
  })

  it('two different mailboxes never share a budget', () => {
    fc.assert(
      fc.property(localPart, localPart, domain, domain, (a, b, hostA, hostB) => {
        fc.pre(a !== b || hostA !== hostB)
        expect(identifierKey(email(`${a}@${hostA}`))).not.toBe(identifierKey(email(`${b}@${hostB}`)))
      }),
    )
  })

  it('an internationalised domain and its punycode form are one mailbox; Gmail ignores dots', () => {
    expect(identifierKey(email('alice@bücher.de'))).toBe(identifierKey(email('alice@xn--bcher-kva.de')))
    expect(identifierKey(email('a.l.i.c.e+reset@googlemail.com'))).toBe(identifierKey(email('alice@gmail.com')))
    // Elsewhere a dot is part of the mailbox's name.
    expect(identifierKey(email('a.lice@example.com'))).not.toBe(identifierKey(email('alice@example.com')))
  })

  it('limits fold, accounts do not: the identifier itself keeps its spelling', () => {
    expect(normaliseEmail(' Alice+Reset@Example.COM ')._unsafeUnwrap()).toBe('alice+reset@example.com')
  })

  it('refuses what no mail gateway delivers: single-label hosts, address literals, quoted local parts, U+FFFD', () => {
    for (const undeliverable of [
      'alice@localhost',
      'alice@[127.0.0.1]',
      'alice@[IPv6:::1]',
      'alice@127.0.0.1',
      '"alice"@example.com',
      '"al ice"@example.com',
      'al\uFFFDice@example.com',
      'alice@exa\uFFFDmple.com',
      'alice@example..com',
      'alice@.example.com',
      'alice@exa mple.com',
      'alice@xn--a.com', // not valid punycode
    ]) {
      expect(normaliseEmail(undeliverable).isErr(), undeliverable).toBe(true)
    }
    for (const deliverable of ['alice@example.com', 'alice@mail.example.co.uk', 'alice@bücher.de', 'o\'brien@example.ie', 'alice@example.com.']) {
      expect(normaliseEmail(deliverable).isOk(), deliverable).toBe(true)
    }
  })
})
