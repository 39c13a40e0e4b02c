import { isIP } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ipRateLimitKey, sourceNetworkOf } from '../src/index.js'

// The rules a rate limit's keys must keep: one client is one key however its address is spelled,
// and an IPv6 client, who usually holds a whole /56, cannot rotate out of its budget within it.

const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }))
const ipv6 = fc.array(group, { minLength: 8, maxLength: 8 })
const octet = fc.integer({ min: 0, max: 255 })
const ipv4 = fc.tuple(octet, octet, octet, octet)

const dotted = (octets: readonly number[]): string => octets.join('.')

/** One of the many spellings of an IPv6 address: any case, padded or not, any run of zeros as `::`. */
const spelling = (groups: readonly number[]): fc.Arbitrary<string> =>
  fc
    .record({
      upper: fc.boolean(),
      padding: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
      gap: fc.nat(),
    })
    .map(({ upper, padding, gap }) => {
      const written = groups.map((value, i) => {
        const hex = value.toString(16)
        const padded = hex.padStart(Math.min(4, hex.length + (padding[i] ?? 0)), '0')
        return upper ? padded.toUpperCase() : padded
      })
      const zeroRuns: Array<[number, number]> = []
      groups.forEach((value, i) => {
        if (value !== 0) return
        for (let end = i + 1; end <= 8 && groups[end - 1] === 0; end++) zeroRuns.push([i, end])
      })
      const run = zeroRuns.length === 0 ? undefined : zeroRuns[gap % (zeroRuns.length + 1)]
      if (run === undefined) return written.join(':')
      return `${written.slice(0, run[0]).join(':')}::${written.slice(run[1]).join(':')}`
    })

const flipBit = (groups: readonly number[], bit: number): number[] =>
  groups.map((value, i) => (i === Math.floor(bit / 16) ? value ^ (0x8000 >> bit % 16) : value))

describe('IPv6 keys', () => {
  it('every spelling of one address is one key, for the limit and for the delivery budget', () => {
    fc.assert(
      fc.property(ipv6.chain((groups) => fc.tuple(spelling(groups), spelling(groups))), ([one, other]) => {
        expect(isIP(one)).toBe(6)
        expect(ipRateLimitKey(one)).toBe(ipRateLimitKey(other))
        expect(sourceNetworkOf(one)).toBe(sourceNetworkOf(other))
      }),
    )
  })

  it('two addresses share a key exactly when they share their first 56 bits', () => {
    fc.assert(
      fc.property(ipv6, fc.integer({ min: 0, max: 127 }), (groups, bit) => {
        const neighbour = flipBit(groups, bit)
        const [key, neighbourKey] = [groups, neighbour].map((address) => ipRateLimitKey(address.map((g) => g.toString(16)).join(':')))
        expect(key === neighbourKey).toBe(bit >= 56)
      }),
    )
  })

  it('the key names the /56 in lower-case hex, zone index dropped', () => {
    expect(ipRateLimitKey('2001:DB8:ABCD:12FF:1:2:3:4')).toBe('ip6:2001:db8:abcd:1200::/56')
    expect(ipRateLimitKey('2001:db8::1%eth0')).toBe('ip6:2001:db8:0:0::/56')
    expect(ipRateLimitKey('::1')).toBe('ip6:0:0:0:0::/56')
    expect(sourceNetworkOf('fe80::1ff:fe23:4567:890a%3')).toBe('ip6:fe80:0:0:0::/56')
  })
})

describe('IPv4 keys', () => {
  it('the limit counts each address; the delivery budget counts its /24', () => {
    fc.assert(
      fc.property(ipv4, ipv4, (one, other) => {
        expect(ipRateLimitKey(dotted(one)) === ipRateLimitKey(dotted(other))).toBe(dotted(one) === dotted(other))
        expect(sourceNetworkOf(dotted(one)) === sourceNetworkOf(dotted(other))).toBe(dotted(one.slice(0, 3)) === dotted(other.slice(0, 3)))
        expect(sourceNetworkOf(dotted(one))).toBe(`ip:${dotted(one.slice(0, 3))}.0/24`)
        expect(ipRateLimitKey(dotted(one))).toBe(`ip:${dotted(one)}`)
      }),
    )
  })

  it('an IPv4-mapped IPv6 address is its IPv4 address, in either case', () => {
    fc.assert(
      fc.property(ipv4, fc.constantFrom('::ffff:', '::FFFF:', '::ffff:'), (octets, prefix) => {
        expect(ipRateLimitKey(`${prefix}${dotted(octets)}`)).toBe(ipRateLimitKey(dotted(octets)))
        expect(sourceNetworkOf(`${prefix}${dotted(octets)}`)).toBe(sourceNetworkOf(dotted(octets)))
      }),
    )
  })
})

describe('what is not an address', () => {
  // Still counted, under itself: an odd value from a proxy never turns the limit off.
  it('is keyed as itself, however close it comes to an address', () => {
    const nearMiss = fc.oneof(
      fc.string({ maxLength: 48 }),
      ipv6.map((groups) => groups.map((g) => g.toString(16)).join(':')).chain((address) =>
        fc.oneof(
          fc.constant(`${address}:1`),
          fc.constant(address.replace(':', '::')),
          fc.constant(address.split(':').slice(1).join(':')),
          fc.constant(`${address}g`),
          fc.constant(`g${address}`),
          fc.constant(`1::${address.split(':').slice(2).join(':')}::`),
          fc.constant(address.replace(/^[0-9a-f]+/, '12345')),
        ),
      ),
      ipv4.map((octets) => `${dotted(octets)}.1`),
    )
    fc.assert(
      fc.property(nearMiss.filter((text) => !text.includes('%') && isIP(text) === 0), (text) => {
        expect(ipRateLimitKey(text)).toBe(`ip:${text}`)
        expect(sourceNetworkOf(text)).toBe(`ip:${text}`)
      }),
    )
  })
})
