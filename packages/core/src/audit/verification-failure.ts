import type { BadTokenReason, OtpCheck } from '../ports.js'
import type { VerificationFailure } from './events.js'

const BAD_TOKEN: Record<BadTokenReason, VerificationFailure> = {
  unknown: 'unknown_token',
  expired: 'expired',
  consumed: 'consumed',
  exhausted: 'attempts_exhausted',
  other_client: 'other_client',
  other_usage: 'other_usage',
  other_identifier: 'other_identifier',
}

/** The audit reason for a refused check, with the attempts left after a wrong code. */
export function verificationFailureOf(check: Exclude<OtpCheck, { outcome: 'valid' }>): {
  readonly reason: VerificationFailure
  readonly attemptsLeft?: number
} {
  if (check.outcome === 'bad_token') return { reason: BAD_TOKEN[check.reason] }
  if (check.outcome === 'bad_code') return { reason: 'wrong_code', attemptsLeft: check.attemptsLeft }
  return { reason: 'identifier_budget_spent' }
}
