import { dictionary } from '@zxcvbn-ts/language-common'
import { commonPasswordList } from '@resetkit/adapters-node/zxcvbn'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPasswordPolicy } from '../src/policy/password-policy.js'
import { createCommonPasswordRule } from '../src/policy/common-passwords.js'
import { passwordArbitrary } from '@resetkit/testing'
import { aliceEmail, makeWorld } from './world.js'

const COMMON = dictionary['passwords-common']
const rule = createCommonPasswordRule({ list: COMMON, extraWords: ['Acme-Corp-2026'] })
const rules = async (password: string) => (await rule(password)).map((violation) => violation.rule)

// Case changes and full-width forms: what NFKC and case folding must see through.
const disguise = (word: string, mask: number[]): string =>
  [...word].map((char, i) => ((mask[i % mask.length] ?? 0) === 1 ? char.toUpperCase() : (mask[i % mask.length] ?? 0) === 2 && /[a-z]/.test(char) ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char)).join('')

describe('common passwords (NIST SP 800-63B blocklist)', () => {
  it('any password from the shipped list is refused, however its case or width is disguised', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMON), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 8 }), async (word, mask) => {
        expect(await rules(disguise(word, mask))).toEqual(['common_password'])
      }),
      { numRuns: 2000 },
    )
  })

  it('a long random password is not refused', async () => {
    await fc.assert(
      fc.asyncProperty(passwordArbitrary('strong'), async (password) => {
        expect(await rules(password)).toEqual([])
      }),
    )
  })

  it("the user's own words are refused alike, with or without the shipped list", async () => {
    expect(await rules('acme-corp-2026')).toEqual(['common_password'])
    const ownOnly = createCommonPasswordRule({ list: [], extraWords: ['hunter2'] })
    expect(await ownOnly('password')).toEqual([])
    expect(await ownOnly('HUNTER2')).toHaveLength(1)
  })

  it('refuses in the policy next to the other violations, with the list from a loader', async () => {
    const policy = createPasswordPolicy({ strength: false, commonPasswords: { list: commonPasswordList } })
    const violations = await policy.check('iloveyou', { email: null, phoneNumber: null, names: [] })
    expect(violations.map((violation) => violation.rule)).toEqual(['common_password'])
    expect(COMMON.length).toBeGreaterThan(40_000)
  })

  it('a reset refused for a common password leaves the code usable: the same code then sets a good one', async () => {
    const policy = createPasswordPolicy({ strength: false, commonPasswords: { list: COMMON }, refusePersonalData: false, minLength: 6 })
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMON.filter((word) => [...word].length >= 6)), async (common) => {
        const world = await makeWorld({ policy })
        const { token, code } = await world.requestCode(aliceEmail)
        const attempt = { clientId: 'web', identifier: aliceEmail, otpToken: token, otp: code }
        const refused = await world.reset({ ...attempt, password: common })
        expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'invalid_new_password', violations: [{ rule: 'common_password' }] })
        expect((await world.reset({ ...attempt, password: 'Quartz-Meadow-Lantern-77' })).isOk()).toBe(true)
      }),
      { numRuns: 50 },
    )
  })
})
