import type { BreachedPasswordChecker } from '../ports.js'
import type { PolicyViolation } from './rule.js'

export interface BreachedPasswordOptions {
  readonly checker: BreachedPasswordChecker
  /**
   * When the checker fails or times out: `allow` (the default, fail-open: the reset goes on and a
   * `breach_check_unavailable` audit event records it) or `refuse` (fail-closed: the reset fails
   * as `temporarily_unavailable` and the code stays usable). Fail-open by default because the
   * user has proven the code and passed every local rule; an outage of a third-party corpus
   * should not lock people out of their accounts.
   */
  readonly whenUnavailable?: 'allow' | 'refuse'
}

export const breachedPassword: PolicyViolation = {
  rule: 'breached_password',
  params: {},
  message: 'This password has appeared in a data breach; choose another.',
}
