import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PasswordHasher } from '@resetkit/core'

export interface PasswordHasherContractOptions {
  readonly name: string
  readonly make: () => PasswordHasher | Promise<PasswordHasher>
  /** Generated passwords per property; real hashers are slow, so keep it small. Default 8. */
  readonly runs?: number
}

// Canonically equivalent pairs: the use case folds them with NFKC before it hashes, so a hasher
// must not fold them itself (that would hide a missing normalisation upstream).
const NFKC_EQUAL_PAIRS = [
  ['caf\u00e9', 'cafe\u0301'],
  ['\uff21\uff22\uff23-Passw0rd', 'ABC-Passw0rd'],
  ['\u2126mega-42-Lantern', '\u03a9mega-42-Lantern'],
] as const

/**
 * The behaviour every `PasswordHasher` must have, ours or yours.
 *
 * @example
 * describePasswordHasherContract({ name: 'argon2id', make: () => createArgon2Hasher() })
 */
export function describePasswordHasherContract({ name, make, runs = 8 }: PasswordHasherContractOptions): void {
  describe(`PasswordHasher contract: ${name}`, () => {
    const password = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 })

    it('a hash verifies the password it was made from, for any Unicode password', async () => {
      const hasher = await make()
      await fc.assert(
        fc.asyncProperty(password, async (plain) => {
          expect(await hasher.verify(await hasher.hash(plain), plain)).toBe(true)
        }),
        { numRuns: runs },
      )
    })

    it('a hash does not verify any other password', async () => {
      const hasher = await make()
      await fc.assert(
        fc.asyncProperty(password, password, async (plain, other) => {
          fc.pre(plain !== other)
          expect(await hasher.verify(await hasher.hash(plain), other)).toBe(false)
        }),
        { numRuns: runs },
      )
    })

    it('is salted: one password hashed twice gives two hashes, both of which verify', async () => {
      const hasher = await make()
      const [a, b] = await Promise.all([hasher.hash('Violet-Staircase-Orbit-42'), hasher.hash('Violet-Staircase-Orbit-42')])
      expect(a).not.toBe(b)
      expect([await hasher.verify(a, 'Violet-Staircase-Orbit-42'), await hasher.verify(b, 'Violet-Staircase-Orbit-42')]).toEqual([true, true])
    })

    it('compares exactly the string it is given: NFKC-equal but different strings do not verify each other', async () => {
      const hasher = await make()
      for (const [composed, other] of NFKC_EQUAL_PAIRS) {
        expect(composed.normalize('NFKC')).toBe(other.normalize('NFKC'))
        expect(await hasher.verify(await hasher.hash(composed), other)).toBe(false)
        expect(await hasher.verify(await hasher.hash(composed.normalize('NFKC')), other.normalize('NFKC'))).toBe(true)
      }
    })

    it('hashAndCompare, where offered: a hash of the password, and reused exactly when one of the given hashes is of it', async ({ skip }) => {
      const hasher = await make()
      const hashAndCompare = hasher.hashAndCompare?.bind(hasher)
      // Reported as skipped, not passed, for a hasher without the optional method.
      if (hashAndCompare === undefined) return skip('this hasher does not offer hashAndCompare')
      const earlier = fc.uniqueArray(fc.stringMatching(/^[a-z]{4,10}$/), { maxLength: 6 })
      await fc.assert(
        fc.asyncProperty(earlier, fc.nat(), fc.boolean(), async (passwords, pick, reuse) => {
          const previous = await Promise.all(passwords.map((plain) => hasher.hash(plain)))
          const plain = reuse && passwords.length > 0 ? (passwords[pick % passwords.length] as string) : 'Not-Among-Them-42'
          const result = await hashAndCompare(plain, previous)
          expect(result.reused).toBe(passwords.includes(plain))
          expect(await hasher.verify(result.hash, plain)).toBe(true)
          expect(previous).not.toContain(result.hash)
        }),
        { numRuns: runs },
      )
    })

    it('16 parallel hash-and-verify calls each get their own right answer', async () => {
      const hasher = await make()
      const passwords = Array.from({ length: 16 }, (_, i) => `Parallel-Password-${i}`)
      const hashes = await Promise.all(passwords.map((plain) => hasher.hash(plain)))
      const checks = await Promise.all(hashes.flatMap((hash, i) => [hasher.verify(hash, passwords[i] ?? ''), hasher.verify(hash, passwords[(i + 1) % 16] ?? '')]))
      expect(checks).toEqual(passwords.flatMap(() => [true, false]))
    })
  })
}
