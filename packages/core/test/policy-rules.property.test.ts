import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBlocklist } from '../src/policy/blocklist.js'
import { characterClassesPresent, characterClassViolations } from '../src/policy/character-classes.js'
import { createCommonPasswordRule } from '../src/policy/common-passwords.js'
import { hashesToCompare } from '../src/policy/history.js'

// The smaller policy rules, each as the host configures it and the user reads it.

const word = fc.stringMatching(/^[a-z]{3,8}$/)

describe('blocklist', () => {
  it('refuses a password containing a listed word however either is written (case, compatibility forms), and names the word', () => {
    fc.assert(
      fc.property(word, fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), fc.boolean(), (blocked, before, after, shout) => {
        const listed = shout ? blocked.toUpperCase() : blocked
        const password = `${before}${blocked.toUpperCase()}${after}`
        expect(createBlocklist([listed])(password)).toEqual([{ rule: 'blocklisted_word', params: { word: blocked }, message: `Must not contain "${blocked}".` }])
      }),
    )
    // U+FF41.. FULLWIDTH "acme" folds to "acme" under NFKC.
    expect(createBlocklist(['\uFF41\uFF43\uFF4D\uFF45'])('my-acme-pass')).toHaveLength(1)
  })

  it('an empty entry blocks nothing: it would otherwise be contained in every password', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (password) => {
        expect(createBlocklist(['', 'zzzzzzzz'])(password.replace(/z/gi, ''))).toEqual([])
      }),
    )
  })
})

describe('character classes', () => {
  it('refuses fewer classes than required, saying how many', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 4 }), (password, required) => {
        const violations = characterClassViolations(password, required)
        if (characterClassesPresent(password).length >= required) expect(violations).toEqual([])
        else expect(violations).toEqual([{ rule: 'character_classes', params: { required }, message: `Must mix at least ${required} of: lower-case letters, upper-case letters, digits, symbols.` }])
      }),
    )
  })
})

describe('common passwords', () => {
  it('refuses a listed password however it is cased, with a message', async () => {
    const rule = createCommonPasswordRule({ list: ['password1', 'qwerty'] })
    expect(await rule('QWERTY')).toEqual([{ rule: 'common_password', params: {}, message: 'Is one of the most common passwords.' }])
    expect(await rule('qwerty!')).toEqual([])
  })
})

describe('the hashes a new password is compared with', () => {
  it('are the current one and those before it, newest first, N in all, never a missing one', () => {
    const hash = fc.option(fc.stringMatching(/^h[0-9]{1,3}$/), { nil: null })
    fc.assert(
      fc.property(hash, fc.array(fc.stringMatching(/^h[0-9]{1,3}$/), { maxLength: 8 }), fc.integer({ min: 0, max: 10 }), (passwordHash, passwordHistory, size) => {
        const compared = hashesToCompare({ passwordHash, passwordHistory }, size)
        const known = passwordHash === null ? passwordHistory : [passwordHash, ...passwordHistory]
        expect(compared).toEqual(known.slice(0, size))
      }),
    )
  })
})
