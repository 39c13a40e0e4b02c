// A hasher that offers hashAndCompare, built on one that does not, and counts what core asks of
// it: the batch, or the plain calls.
import type { PasswordHasher } from '../src/index.js'

export interface BatchingHasher extends PasswordHasher {
  readonly asked: { batches: number; plain: number }
}

export function withHashAndCompare(base: PasswordHasher): BatchingHasher {
  const asked = { batches: 0, plain: 0 }
  return {
    asked,
    hash: (password) => ((asked.plain += 1), base.hash(password)),
    verify: (hash, password) => ((asked.plain += 1), base.verify(hash, password)),
    async hashAndCompare(password, previous) {
      asked.batches += 1
      const [hash, matches] = await Promise.all([base.hash(password), Promise.all(previous.map((encoded) => base.verify(encoded, password)))])
      return { hash, reused: matches.includes(true) }
    },
  }
}
