import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BreachedPasswordChecker } from '@resetkit/core'

export interface BreachedPasswordCheckerContractOptions {
  readonly name: string
  /** A checker whose corpus is exactly these passwords (each seen at least once). */
  readonly make: (corpus: readonly string[]) => BreachedPasswordChecker | Promise<BreachedPasswordChecker>
  readonly numRuns?: number
}

const password = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })

/**
 * The rules any breach corpus adapter keeps: exact, case-sensitive membership over any Unicode,
 * and the same answers under concurrency.
 *
 * @example
 * describeBreachedPasswordCheckerContract({ name: 'memory', make: createMemoryBreachedPasswords })
 */
export function describeBreachedPasswordCheckerContract({ name, make, numRuns = 40 }: BreachedPasswordCheckerContractOptions): void {
  describe(`BreachedPasswordChecker contract: ${name}`, () => {
    it('for any corpus and any password, the password is breached exactly when the corpus holds it', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(password, { maxLength: 12 }), password, async (corpus, other) => {
          const checker = await make(corpus)
          for (const listed of corpus) expect(await checker.isBreached(listed)).toBe(true)
          expect(await checker.isBreached(other)).toBe(corpus.includes(other))
        }),
        { numRuns },
      )
    })

    it('membership is exact: a change of case or one more character is another password', async () => {
      const checker = await make(['Summer-2024', 'ｐａｓｓ'])
      expect(await checker.isBreached('summer-2024')).toBe(false)
      expect(await checker.isBreached('Summer-2024!')).toBe(false)
      expect(await checker.isBreached('pass')).toBe(false)
      expect(await checker.isBreached('ｐａｓｓ')).toBe(true)
    })

    it('many checks in parallel give the answers they give one at a time', async () => {
      const corpus = Array.from({ length: 20 }, (_, i) => `listed-${i}`)
      const checker = await make(corpus)
      const asked = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? `listed-${i % 20}` : `clean-${i}`))
      const answers = await Promise.all(asked.map((candidate) => checker.isBreached(candidate)))
      expect(answers).toEqual(asked.map((candidate) => candidate.startsWith('listed-')))
    })
  })
}
