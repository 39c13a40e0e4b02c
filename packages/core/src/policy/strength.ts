import type { PolicyContext, PolicyViolation } from './rule.js'

export type StrengthScore = 0 | 1 | 2 | 3 | 4

/** Estimates how guessable a password is, zxcvbn-style: 0 (trivial) to 4 (very strong). */
export interface StrengthEstimator {
  estimate(password: string, userInputs: readonly string[]): Promise<StrengthScore>
}

/** The user's own data, so "alice2024!" is weak for alice. */
export function strengthUserInputs(context: PolicyContext): string[] {
  const inputs = [...context.names]
  // Stryker disable next-line StringLiteral: unreachable default, split always yields a first element
  if (context.email !== null) inputs.push(context.email, context.email.split('@')[0] ?? '')
  if (context.phoneNumber !== null) inputs.push(context.phoneNumber.replace(/\D/g, ''))
  return inputs.filter((input) => input.length > 0)
}

export async function strengthViolations(
  password: string,
  context: PolicyContext,
  minScore: StrengthScore,
  estimator: StrengthEstimator,
): Promise<PolicyViolation[]> {
  const score = await estimator.estimate(password, strengthUserInputs(context))
  if (score >= minScore) return []
  return [
    {
      rule: 'too_weak',
      params: { minScore, score },
      message: 'Too easy to guess: add words or characters that are not common patterns.',
    },
  ]
}
