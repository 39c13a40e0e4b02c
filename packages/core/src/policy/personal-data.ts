import type { PolicyContext, PolicyViolation } from './rule.js'

// Shorter fragments ("al" of al@example.com) occur in too many honest passwords to refuse.
const MIN_FRAGMENT_LENGTH = 3
// The last digits of a phone number are what people reuse; 7 is the shortest subscriber number.
const PHONE_TAIL_DIGITS = 7

/** The pieces of the user's own data a password must not contain, lower-cased. */
export function personalFragments(context: PolicyContext): string[] {
  const fragments: string[] = []
  if (context.email !== null) fragments.push(context.email.slice(0, context.email.indexOf('@')))
  if (context.phoneNumber !== null) {
    const digits = context.phoneNumber.replace(/\D/g, '')
    fragments.push(digits, digits.slice(-PHONE_TAIL_DIGITS))
  }
  return fragments.map((fragment) => fragment.toLowerCase()).filter((f) => f.length >= MIN_FRAGMENT_LENGTH)
}

export function personalDataViolations(password: string, context: PolicyContext): PolicyViolation[] {
  const folded = password.toLowerCase()
  if (!personalFragments(context).some((fragment) => folded.includes(fragment))) return []
  return [
    {
      rule: 'contains_personal_data',
      params: {},
      message: 'Must not contain your email name or phone number.',
    },
  ]
}
