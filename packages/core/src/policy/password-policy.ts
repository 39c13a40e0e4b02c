import type { PasswordPolicy } from '../ports.js'
import { createBlocklist } from './blocklist.js'
import { createCommonPasswordRule, type CommonPasswordOptions } from './common-passwords.js'
import { characterClassViolations } from './character-classes.js'
import { lengthViolations } from './length.js'
import { personalDataViolations } from './personal-data.js'
import type { PasswordRule, PolicyViolation } from './rule.js'
import { strengthViolations, type StrengthEstimator, type StrengthScore } from './strength.js'

/** The longest password any policy may accept, in code points; inputs are bounded before this. */
export const MAX_POLICY_LENGTH = 1024
// NIST SP 800-63B: verifiers SHOULD permit at least 64 characters.
const NIST_MIN_MAX_LENGTH = 64

export interface PasswordPolicyOptions {
  /** Code points; default 8. */
  readonly minLength?: number
  /** Code points; default 64, at least 64 (NIST SP 800-63B), at most 1024. */
  readonly maxLength?: number
  /** "At least K of lower/upper/digit/symbol"; off by default. */
  readonly requiredCharacterClasses?: number
  /**
   * A zxcvbn-style minimum score (default 3) from your estimator, e.g.
   * `createZxcvbnWorkerEstimator()` from `@resetkit/adapters-node/zxcvbn`; or `false` for none.
   * Required: core ships no estimator, and a policy must not lose its strength rule silently.
   */
  readonly strength: { readonly minScore?: StrengthScore; readonly estimator: StrengthEstimator } | false
  /** Refuse passwords containing the email local part or phone number; default true. */
  readonly refusePersonalData?: boolean
  /**
   * NIST's blocklist of commonly used passwords: `{ list }` (e.g. `commonPasswordList` from
   * `@resetkit/adapters-node/zxcvbn`, ~49,000 words) or `false`. Required, like `strength`:
   * core ships no list, and the rule must not vanish by omission.
   */
  readonly commonPasswords: CommonPasswordOptions | false
  /** Words no password may contain (case-insensitive); default none. */
  readonly blocklist?: readonly string[]
  /** N: differ from the last N passwords, the current one included; 0 is off; default 5. */
  readonly history?: number
  /** Your own rules; they run after the built-in cheap rules. */
  readonly rules?: readonly PasswordRule[]
}

function assertWholeNumber(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`)
  }
}

/**
 * Builds the password policy. Cheap rules run first; the strength estimator runs only on a
 * password within the length bounds, so its cost is bounded by `maxLength`.
 *
 * @example
 * const policy = createPasswordPolicy({ minLength: 10, history: 5, blocklist: ['acme'], strength: { estimator }, commonPasswords: { list } })
 * await policy.check('acme-2024', { email: 'a@b.c', phoneNumber: null, names: [] })
 * // → [{ rule: 'blocklisted_word', ... }, { rule: 'too_weak', ... }]
 */
export function createPasswordPolicy(options: PasswordPolicyOptions): PasswordPolicy {
  const min = options.minLength ?? 8
  const max = options.maxLength ?? NIST_MIN_MAX_LENGTH
  const historySize = options.history ?? 5
  assertWholeNumber('minLength', min, 1, MAX_POLICY_LENGTH)
  assertWholeNumber('maxLength', max, Math.max(min, NIST_MIN_MAX_LENGTH), MAX_POLICY_LENGTH)
  assertWholeNumber('history', historySize, 0, 100)
  if (options.requiredCharacterClasses !== undefined) {
    assertWholeNumber('requiredCharacterClasses', options.requiredCharacterClasses, 1, 4)
  }
  // Checked at run time too, for callers without TypeScript.
  if (options.strength !== false && typeof options.strength?.estimator?.estimate !== 'function') {
    throw new TypeError('strength must be { estimator } (e.g. createZxcvbnWorkerEstimator() from @resetkit/adapters-node/zxcvbn) or false')
  }
  if (options.commonPasswords !== false && options.commonPasswords?.list === undefined) {
    throw new TypeError('commonPasswords must be { list } (e.g. commonPasswordList from @resetkit/adapters-node/zxcvbn) or false')
  }
  const strength = options.strength === false ? undefined : { minScore: options.strength.minScore ?? 3, estimator: options.strength.estimator }
  const blocklist = createBlocklist(options.blocklist ?? [])
  const commonPassword = options.commonPasswords === false ? undefined : createCommonPasswordRule(options.commonPasswords)
  const refusePersonalData = options.refusePersonalData ?? true
  const customRules = options.rules ?? []

  return {
    historySize,
    async check(password, context) {
      const lengthProblems = lengthViolations(password, { min, max })
      const violations: PolicyViolation[] = [...lengthProblems]
      if (options.requiredCharacterClasses !== undefined) {
        violations.push(...characterClassViolations(password, options.requiredCharacterClasses))
      }
      if (refusePersonalData) violations.push(...personalDataViolations(password, context))
      violations.push(...blocklist(password))
      if (commonPassword !== undefined) violations.push(...(await commonPassword(password)))
      for (const rule of customRules) violations.push(...(await rule(password, context)))
      // The estimator is the one costly rule: never feed it an out-of-bounds password.
      if (strength !== undefined && lengthProblems.length === 0) {
        violations.push(...(await strengthViolations(password, context, strength.minScore, strength.estimator)))
      }
      return violations
    },
  }
}
