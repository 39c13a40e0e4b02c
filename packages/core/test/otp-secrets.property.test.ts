import { createHash, createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeHashOf, generateCode, generateToken, tokenIdOf } from '../src/otp/secrets.js'
import type { RandomSource } from '../src/ports.js'

/** Hands out the given bytes in order (then zeros), and records every request's size. */
function scriptedRandom(stream: readonly number[]): RandomSource & { readonly requests: number[] } {
  let next = 0
  const requests: number[] = []
  return {
    requests,
    bytes: (length) => {
      requests.push(length)
      return Uint8Array.from({ length }, () => stream[next++] ?? 0)
    },
  }
}

// Bytes around the rejection threshold are where a sampling bug would hide.
const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 245, max: 255 }))

describe('one-time codes: uniform decimal digits by rejection sampling', () => {
  it('a code is the requested number of digits, each the next accepted byte mod 10; bytes 250–255 are skipped', () => {
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (stream, length) => {
        const accepted = stream.filter((b) => b < 250).map((b) => b % 10)
        // The scripted source pads with zeros, which are accepted as digit 0.
        const expected = [...accepted, ...Array<number>(length).fill(0)].slice(0, length).join('')
        expect(generateCode(scriptedRandom(stream), length)).toBe(expected)
      }),
    )
  })

  it('keeps drawing while bytes are rejected, and never returns more digits than asked', () => {
    const random = scriptedRandom([255, 250, 251, 252, 253, 254, 249, 7])
    expect(generateCode(random, 2)).toBe('97')
    expect(random.requests.every((size) => size === 2)).toBe(true)
    expect(random.requests.length).toBe(4)
  })

  it('every digit is equally likely from a uniform byte source (chi-square, 10 000 digits)', () => {
    let state = 0x9e3779b9
    // A fixed-seed xorshift: reproducible, and uniform over bytes.
    const random: RandomSource = {
      bytes: (length) =>
        Uint8Array.from({ length }, () => {
          state ^= state << 13
          state ^= state >>> 17
          state ^= state << 5
          return state & 0xff
        }),
    }
    const counts = Array<number>(10).fill(0)
    for (const digit of generateCode(random, 10_000)) counts[Number(digit)]!++
    const chiSquare = counts.reduce((sum, seen) => sum + (seen - 1000) ** 2 / 1000, 0)
    // 9 degrees of freedom: 27.9 is the 0.999 quantile; a modulo bias (0–5 at 26/256) scores ~150.
    expect(chiSquare).toBeLessThan(27.9)
  })
})

describe('tokens and their stored forms', () => {
  it('a token is the 32 random bytes in unpadded base64url, and nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const random = scriptedRandom([...bytes])
        const token = generateToken(random)
        expect(random.requests).toEqual([32])
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
        expect(Buffer.from(token, 'base64url')).toEqual(Buffer.from(bytes))
      }),
    )
  })

  // The stored forms are a format: records written by one version must be found by the next.
  it('a record is found by SHA-256 of its token (hex), and its code stored as HMAC-SHA-256 keyed by the token (hex)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.stringMatching(/^\d{4,10}$/), (token, code) => {
        expect(tokenIdOf(token)).toBe(createHash('sha256').update(token, 'utf8').digest('hex'))
        expect(codeHashOf(token, code)).toBe(createHmac('sha256', token).update(code, 'utf8').digest('hex'))
        expect(codeHashOf(token, code)).toMatch(/^[0-9a-f]{64}$/)
      }),
    )
  })
})
