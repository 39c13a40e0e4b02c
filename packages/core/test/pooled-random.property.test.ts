import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPooledRandom, RANDOM_POOL_BYTES } from '../src/crypto/pooled-random.js'
import { systemRandom } from '../src/system.js'

/** A generator whose n-th byte ever written is numbered n, so each byte's origin can be traced. */
function numberedFill(): { fill: (bytes: Uint8Array) => void; draws: number[] } {
  let written = 0
  const draws: number[] = []
  return {
    draws,
    fill: (bytes) => {
      draws.push(bytes.length)
      // Two bytes a position (16 bits), so positions up to 65 535 stay distinct.
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      for (let i = 0; i + 1 < bytes.length; i += 2) view.setUint16(i, (written + i) / 2 + 1)
      written += bytes.length
    },
  }
}

const POOL = 64
// Mostly sizes the pool serves, some it does not, in runs long enough to empty it many times
// (and to land exactly on its end). Even sizes: bytes are traced two at a time.
const evenSize = fc.oneof({ arbitrary: fc.integer({ min: 1, max: POOL / 8 }), weight: 4 }, { arbitrary: fc.integer({ min: POOL / 8 + 1, max: POOL / 2 }), weight: 1 }).map((n) => n * 2)
const requests = fc.array(evenSize, { maxLength: 80, size: 'max' })
const positionsOf = (bytes: Uint8Array): number[] => Array.from({ length: bytes.length / 2 }, (_, i) => new DataView(bytes.buffer, bytes.byteOffset).getUint16(i * 2))

describe('the pooled random source', () => {
  it('returns the length asked for, and never hands out a byte of the generator twice', () => {
    fc.assert(
      fc.property(requests, (sizes) => {
        const { fill } = numberedFill()
        const random = createPooledRandom(fill, POOL)
        const seen = new Set<number>()
        for (const size of sizes) {
          const bytes = random.bytes(size)
          expect(bytes.length).toBe(size)
          for (const position of positionsOf(bytes)) {
            expect(seen.has(position)).toBe(false)
            seen.add(position)
          }
        }
      }),
    )
  })

  it('draws from the generator only when the pool cannot serve a request, and large requests bypass the pool', () => {
    const anySize = fc.oneof({ arbitrary: fc.integer({ min: 1, max: POOL / 4 }), weight: 4 }, { arbitrary: fc.integer({ min: POOL / 4 + 1, max: POOL }), weight: 1 })
    fc.assert(
      fc.property(fc.array(anySize, { maxLength: 80, size: 'max' }), (sizes) => {
        const { fill, draws } = numberedFill()
        const random = createPooledRandom(fill, POOL)
        let left = 0
        // For each request, in order, the draws it made: when, not only how many.
        const expected: number[][] = []
        const made: number[][] = []
        for (const size of sizes) {
          if (size > POOL / 4) expected.push([size])
          else if (size > left) (expected.push([POOL]), (left = POOL - size))
          else (expected.push([]), (left -= size))
          const before = draws.length
          random.bytes(size)
          made.push(draws.slice(before))
        }
        expect(made).toEqual(expected)
      }),
    )
  })

  it("a caller that overwrites its bytes changes nothing another caller gets", () => {
    fc.assert(
      fc.property(requests, (sizes) => {
        const plain = createPooledRandom(numberedFill().fill, POOL)
        const scribbled = createPooledRandom(numberedFill().fill, POOL)
        for (const size of sizes) {
          const expected = plain.bytes(size)
          const got = scribbled.bytes(size)
          expect(got).toEqual(expected)
          got.fill(0xff)
        }
      }),
    )
  })

  it('the pool keeps only bytes not yet handed out: what it gave is zeroed in it', () => {
    let pool: Uint8Array | undefined
    const random = createPooledRandom((bytes) => {
      pool = bytes
      bytes.fill(0xab)
    }, POOL)
    random.bytes(10)
    expect(pool!.subarray(0, 10).every((byte) => byte === 0)).toBe(true)
    expect(pool!.subarray(10).every((byte) => byte === 0xab)).toBe(true)
  })

  it('the system source gives distinct, well-spread bytes across pool refills', () => {
    const draws = Array.from({ length: (3 * RANDOM_POOL_BYTES) / 32 }, () => Buffer.from(systemRandom.bytes(32)).toString('hex'))
    expect(new Set(draws).size).toBe(draws.length)
    const ones = draws.join('').split('').reduce((sum, hex) => sum + Number.parseInt(hex, 16).toString(2).split('1').length - 1, 0)
    const bits = draws.length * 32 * 8
    // Binomial(bits, 1/2): 6 standard deviations either side.
    expect(Math.abs(ones - bits / 2)).toBeLessThan(6 * Math.sqrt(bits / 4))
  })
})
