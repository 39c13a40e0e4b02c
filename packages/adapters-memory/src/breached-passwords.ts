import type { BreachedPasswordChecker } from '@resetkit/core'

export interface MemoryBreachedPasswords extends BreachedPasswordChecker {
  /** How many times the use case asked: tests check it is never asked too early. */
  readonly calls: number
}

/** A breach corpus held in memory (tests, offline demos). Exact match, as the range API is. */
export function createMemoryBreachedPasswords(passwords: Iterable<string>): MemoryBreachedPasswords {
  const corpus = new Set(passwords)
  let calls = 0
  return {
    get calls() {
      return calls
    },
    async isBreached(password) {
      calls++
      return corpus.has(password)
    },
  }
}
