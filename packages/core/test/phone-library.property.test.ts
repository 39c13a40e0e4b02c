import fc from 'fast-check'
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile'
import { describe, expect, it } from 'vitest'
import { phoneLibrary, phoneLibrarySource } from '../src/phone-library.js'

describe('the phone library core loads', () => {
  it('is the single-file bundle (the fast path), not the fallback', () => {
    expect(phoneLibrarySource()).toBe('bundle')
  })

  it('answers every number exactly as the package’s module entry does', () => {
    const numbers = fc.oneof(
      fc.stringMatching(/^\+[1-9][0-9]{6,14}$/),
      fc.stringMatching(/^1[3-9][0-9]{9}$/),
      fc.stringMatching(/^0[0-9]{9,11}$/),
      fc.string({ maxLength: 20 }),
    )
    fc.assert(
      fc.property(numbers, fc.constantFrom('CN', 'US', 'GB', 'DE', 'IN'), (text, region) => {
        const ours = phoneLibrary().parsePhoneNumberFromString(text, region)
        const theirs = parsePhoneNumberFromString(text, region)
        expect(ours === undefined).toBe(theirs === undefined)
        if (ours === undefined || theirs === undefined) return
        expect([ours.number, ours.country, ours.isPossible(), ours.isValid()]).toEqual([theirs.number, theirs.country, theirs.isPossible(), theirs.isValid()])
      }),
      { numRuns: 2_000 },
    )
  })
})
