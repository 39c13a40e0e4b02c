import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { breachedPassword } from '../src/policy/breached-passwords.js'
import { lengthViolations } from '../src/policy/length.js'
import type { PolicyContext } from '../src/policy/rule.js'
import { strengthUserInputs, strengthViolations, type StrengthScore } from '../src/policy/strength.js'

const score = fc.constantFrom<StrengthScore>(0, 1, 2, 3, 4)
const context = fc.record({
  email: fc.option(fc.tuple(fc.stringMatching(/^[a-z0-9.]{0,10}$/), fc.stringMatching(/^[a-z]{1,8}\.com$/)).map(([l, d]) => `${l}@${d}`)),
  phoneNumber: fc.option(fc.stringMatching(/^\+?[0-9 ()-]{0,16}$/)),
  names: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
})

describe('length rule: NIST counts code points, both bounds inclusive', () => {
  it('refuses below min and above max, naming the bound in its params and message; accepts the bounds themselves', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '😀', '漢'), { maxLength: 20 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 }), (chars, min, extra) => {
        const password = chars.join('')
        const max = min + extra
        const violations = lengthViolations(password, { min, max })
        if (chars.length < min) {
          expect(violations).toEqual([{ rule: 'min_length', params: { min }, message: `Must be at least ${min} characters long.` }])
        } else if (chars.length > max) {
          expect(violations).toEqual([{ rule: 'max_length', params: { max }, message: `Must be at most ${max} characters long.` }])
        } else {
          expect(violations).toEqual([])
        }
      }),
    )
  })
})

describe('strength rule: the estimator’s score against the minimum', () => {
  it('a score at or above the minimum passes; below it is too_weak with both scores', () => {
    fc.assert(
      fc.asyncProperty(score, score, context, async (given, minScore, ctx) => {
        const violations = await strengthViolations('any password', ctx, minScore, { estimate: async () => given })
        if (given >= minScore) expect(violations).toEqual([])
        else expect(violations).toEqual([{ rule: 'too_weak', params: { minScore, score: given }, message: 'Too easy to guess: add words or characters that are not common patterns.' }])
      }),
    )
  })

  it('the estimator sees the password and the user’s own data: names, email, its local part, the phone’s digits; never an empty input', () => {
    fc.assert(
      fc.asyncProperty(context, async (ctx: PolicyContext) => {
        const seen: { password: string; inputs: readonly string[] }[] = []
        await strengthViolations('pw', ctx, 3, { estimate: async (password, inputs) => (seen.push({ password, inputs }), 4) })
        const expected = [
          ...ctx.names,
          ...(ctx.email === null ? [] : [ctx.email, ctx.email.split('@')[0]!]),
          ...(ctx.phoneNumber === null ? [] : [ctx.phoneNumber.replace(/\D/g, '')]),
        ].filter((input) => input !== '')
        expect(seen).toEqual([{ password: 'pw', inputs: expected }])
        expect(strengthUserInputs(ctx)).toEqual(expected)
      }),
    )
  })
})

describe('breached-password rule', () => {
  it('says what happened and what to do, with no params', () => {
    expect(breachedPassword).toEqual({ rule: 'breached_password', params: {}, message: 'This password has appeared in a data breach; choose another.' })
  })
})
