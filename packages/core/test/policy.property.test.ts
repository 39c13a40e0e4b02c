import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPasswordPolicy } from '../src/policy/password-policy.js'
import type { PolicyContext } from '../src/policy/rule.js'
import type { StrengthEstimator, StrengthScore } from '../src/policy/strength.js'
import { passwordArbitrary } from '@resetkit/testing'

// A stand-in estimator whose score the model can predict: one point per 5 code points.
const lengthScore = (password: string): StrengthScore => Math.min(4, Math.floor([...password].length / 5)) as StrengthScore
const estimator: StrengthEstimator = { estimate: async (password) => lengthScore(password) }

interface Config {
  min: number
  max: number
  classes: number | undefined
  blocklist: string[]
  minScore: StrengthScore
}

/** The policy's rules restated as plainly as possible, independently of the implementation. */
function model(password: string, config: Config, context: PolicyContext): string[] {
  const codePoints = Array.from(password)
  const rules: string[] = []
  const tooShort = codePoints.length < config.min
  const tooLong = codePoints.length > config.max
  if (tooShort) rules.push('min_length')
  else if (tooLong) rules.push('max_length')
  if (config.classes !== undefined) {
    const present = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(password)).length
    if (present < config.classes) rules.push('character_classes')
  }
  const lower = password.toLowerCase()
  const local = context.email?.split('@')[0] ?? ''
  const digits = context.phoneNumber?.replace(/\D/g, '') ?? ''
  const personal = [local, digits, digits.slice(-7)].filter((p) => p.length >= 3)
  if (personal.some((p) => lower.includes(p))) rules.push('contains_personal_data')
  const folded = password.normalize('NFKC').toLowerCase()
  if (config.blocklist.some((word) => word.length > 0 && folded.includes(word.normalize('NFKC').toLowerCase()))) rules.push('blocklisted_word')
  if (!tooShort && !tooLong && lengthScore(password) < config.minScore) rules.push('too_weak')
  return rules
}

const configArbitrary: fc.Arbitrary<Config> = fc.record({
  min: fc.integer({ min: 1, max: 20 }),
  max: fc.integer({ min: 64, max: 100 }),
  classes: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  blocklist: fc.array(fc.constantFrom('acme', 'ＡＣＭＥ', 'secret', 'x', 'Passw'), { maxLength: 3 }),
  minScore: fc.constantFrom<StrengthScore>(0, 1, 2, 3, 4),
})

const passwordsArbitrary = fc.oneof(
  passwordArbitrary('unicode'),
  passwordArbitrary('weak'),
  passwordArbitrary('strong'),
  fc.string({ unit: fc.constantFrom('a', 'B', '1', '!', 'é', '𝔘', 'acme', 'alice', '13800000001'), maxLength: 40 }),
)

describe('password policy', () => {
  it("the policy's violation list equals the model's list for any password and configuration", async () => {
    const context: PolicyContext = { email: 'alice@example.com', phoneNumber: '+8613800000001', names: [] }
    await fc.assert(
      fc.asyncProperty(passwordsArbitrary, configArbitrary, async (password, config) => {
        const policy = createPasswordPolicy({
          minLength: config.min,
          maxLength: config.max,
          ...(config.classes === undefined ? {} : { requiredCharacterClasses: config.classes }),
          blocklist: config.blocklist,
          strength: { minScore: config.minScore, estimator },
          // The common-password list has its own test; the model here restates the other rules.
          commonPasswords: false,
        })
        const violations = await policy.check(password, context)
        expect(violations.map((violation) => violation.rule)).toEqual(model(password, config, context))
        for (const violation of violations) expect(violation.message.length).toBeGreaterThan(0)
      }),
      { numRuns: 1000 },
    )
  })

  it('the strength estimator never sees a password outside the length bounds', async () => {
    const seen: string[] = []
    const spy: StrengthEstimator = { estimate: async (password) => (seen.push(password), 4) }
    const policy = createPasswordPolicy({ strength: { estimator: spy }, commonPasswords: false })
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (password) => {
        await policy.check(password, { email: null, phoneNumber: null, names: [] })
      }),
    )
    for (const password of seen) expect([...password].length).toBeGreaterThanOrEqual(8)
    for (const password of seen) expect([...password].length).toBeLessThanOrEqual(64)
  })

  it('refuses a configuration that breaks NIST bounds', () => {
    expect(() => createPasswordPolicy({ strength: false, commonPasswords: false, maxLength: 32 })).toThrow(TypeError)
    expect(() => createPasswordPolicy({ strength: false, commonPasswords: false, maxLength: 5000 })).toThrow(TypeError)
    expect(() => createPasswordPolicy({ strength: false, commonPasswords: false, history: -1 })).toThrow(TypeError)
    expect(() => createPasswordPolicy({ strength: false, commonPasswords: false, maxLength: 64, history: 0 })).not.toThrow()
  })

  it('refuses a strength rule without an estimator: core ships none, and the rule must not vanish silently', () => {
    // @ts-expect-error strength is required
    expect(() => createPasswordPolicy({ history: 5, commonPasswords: false })).toThrow(/strength/)
    // @ts-expect-error an estimator is required
    expect(() => createPasswordPolicy({ strength: { minScore: 3 }, commonPasswords: false })).toThrow(/strength/)
    // @ts-expect-error the common-password rule is required too: core ships no list
    expect(() => createPasswordPolicy({ strength: false })).toThrow(/commonPasswords/)
  })
})
