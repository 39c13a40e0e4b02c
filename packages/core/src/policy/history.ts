// The password history rule (NIST SP 800-63B leaves it to the verifier; the CIAM's
// `recurrent_password`): a new password must differ from the last N, the current one included.
import type { UserRecord } from '../ports.js'

/** The hashes a new password is compared with: the current one and the N − 1 before it, newest first. */
export function hashesToCompare(user: Pick<UserRecord, 'passwordHash' | 'passwordHistory'>, historySize: number): string[] {
  return [user.passwordHash, ...user.passwordHistory].filter((hash): hash is string => hash !== null).slice(0, historySize)
}

/**
 * How many earlier hashes the store keeps once the current one has moved into history: N − 1,
 * so that with the new current hash exactly N are compared next time. 0 when history is off.
 */
export function historyToKeep(historySize: number): number {
  return Math.max(0, historySize - 1)
}
