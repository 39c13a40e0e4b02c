import { createHash, randomBytes } from 'node:crypto'
import type { PasswordHasher } from '@resetkit/core'

/**
 * A salted SHA-256 "hasher" for property tests that run thousands of resets. NEVER use it in
 * production: it is fast, which is exactly what a password hash must not be.
 */
export function createFastTestHasher(): PasswordHasher {
  const digest = (salt: string, password: string): string =>
    createHash('sha256').update(salt).update('\0').update(password, 'utf8').digest('base64url')
  return {
    async hash(password) {
      const salt = randomBytes(8).toString('base64url')
      return `fast-test$${salt}$${digest(salt, password)}`
    },
    async verify(encoded, password) {
      const [scheme, salt, hash] = encoded.split('$')
      return scheme === 'fast-test' && salt !== undefined && hash === digest(salt, password)
    },
  }
}
