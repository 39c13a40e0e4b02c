import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { digestsEqual, sha256Hex } from '../src/internal.js'

describe('digestsEqual', () => {
  it('is string equality, for any two digests or any two well-formed strings, however alike', () => {
    const digest = fc.string({ maxLength: 40 }).map(sha256Hex)
    const text = fc.string({ unit: 'grapheme', maxLength: 80 })
    fc.assert(
      fc.property(digest, digest, text, text, (a, b, c, d) => {
        expect(digestsEqual(a, b)).toBe(a === b)
        expect(digestsEqual(a, a)).toBe(true)
        expect(digestsEqual(c, d)).toBe(c === d)
        expect(digestsEqual(c, `${c}\0`)).toBe(false)
      }),
    )
  })

  it('tells one character of difference anywhere in a digest', () => {
    const stored = sha256Hex('s3cret')
    for (let i = 0; i < stored.length; i++) {
      const flipped = `${stored.slice(0, i)}${stored[i] === '0' ? '1' : '0'}${stored.slice(i + 1)}`
      expect(digestsEqual(flipped, stored)).toBe(false)
    }
    expect(digestsEqual(stored.toUpperCase(), stored)).toBe(false)
    expect(digestsEqual(stored.slice(1), stored)).toBe(false)
  })
})

describe('sha256Hex', () => {
  // Client secrets are stored as this digest: registries written by one version must match the next.
  it('is SHA-256 of the UTF-8 bytes, in lower-case hex', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'))
      }),
    )
    expect(sha256Hex('é')).toBe(createHash('sha256').update(Buffer.from([0xc3, 0xa9])).digest('hex'))
  })
})
