import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { constantTimeEqual, sha256Hex } from '../src/internal.js'

describe('constantTimeEqual', () => {
  it('is string equality, for any two strings, however long or alike', () => {
    const text = fc.string({ unit: 'binary', maxLength: 80 })
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b)
        expect(constantTimeEqual(a, a)).toBe(true)
        expect(constantTimeEqual(a, `${a}\0`)).toBe(false)
      }),
    )
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
