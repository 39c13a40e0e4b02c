/**
 * `@resetkit/core/argon2`: the argon2id password hasher. A separate entry so the pure core never
 * loads a native module.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2'
import type { PasswordHasher } from './ports.js'

export interface Argon2Params {
  /** KiB of memory per hash. */
  readonly memoryCost: number
  readonly timeCost: number
  readonly parallelism: number
}

/** OWASP Password Storage Cheat Sheet's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const OWASP_ARGON2ID: Argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export interface Argon2Hasher extends PasswordHasher {
  /** True when `encoded` was made with other parameters (or another algorithm) than ours. */
  needsRehash(encoded: string): boolean
}

// Algorithm is an ambient const enum, unreadable under isolatedModules; 2 is its Argon2id.
const ARGON2ID = 2 as Algorithm
const PHC_PREFIX = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/

/**
 * @example
 * const hasher = createArgon2Hasher()           // OWASP defaults
 * const stored = await hasher.hash('correct horse battery staple')
 * await hasher.verify(stored, 'correct horse battery staple') // true
 */
export function createArgon2Hasher(params: Argon2Params = OWASP_ARGON2ID): Argon2Hasher {
  const options = { algorithm: ARGON2ID, ...params }
  return {
    hash: (password) => hash(password, options),
    async verify(encoded, password) {
      // A malformed stored hash is a non-match for this password, not an outage.
      if (!encoded.startsWith('$argon2')) return false
      return verify(encoded, password)
    },
    needsRehash(encoded) {
      const match = PHC_PREFIX.exec(encoded)
      if (match === null) return true
      const [, m, t, p] = match.map(Number)
      return m !== params.memoryCost || t !== params.timeCost || p !== params.parallelism
    },
  }
}
