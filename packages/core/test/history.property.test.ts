import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createFastTestHasher } from '@resetkit/testing'
import { withHashAndCompare } from './batching-hasher.js'
import { ALICE, makeWorld } from './world.js'

// Distinct passwords that pass the cheap policy (length ≥ 8), as a sequence of resets.
const passwordSequence = fc.uniqueArray(fc.stringMatching(/^[a-z]{8,12}$/), { minLength: 1, maxLength: 9 })

describe('password history (Keycloak semantics)', () => {
  it('after any sequence of resets, each of the last N passwords is refused as recurrent and older ones are accepted, whether or not the hasher offers hashAndCompare', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), passwordSequence, fc.nat(), fc.boolean(), async (n, passwords, pick, batching) => {
        const hasher = withHashAndCompare(createFastTestHasher())
        const world = await makeWorld({ history: n, hasher: batching ? hasher : { hash: hasher.hash, verify: hasher.verify } })
        hasher.asked.plain = 0
        for (const password of passwords) expect((await world.resetWith(password)).isOk()).toBe(true)
        // Offered, it is the one call a reset makes to the hasher (no plain verify or hash).
        if (batching) expect(hasher.asked).toEqual({ batches: passwords.length, plain: 0 })
        // Newest first: what the user has had, including the initial password.
        const had = ['Initial-Passw0rd!', ...passwords].reverse()
        const index = pick % had.length
        const again = await world.resetWith(had[index] ?? '')
        if (index < n) expect(again._unsafeUnwrapErr().code).toBe('recurrent_password')
        else expect(again.isOk()).toBe(true)
      }),
      { numRuns: 150 },
    )
  })

  it('stored history never holds more than N − 1 old hashes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), passwordSequence, async (n, passwords) => {
        const world = await makeWorld({ history: n })
        for (const password of passwords) {
          await world.resetWith(password)
          expect(world.memoryUsers.get(ALICE.id)?.passwordHistory.length).toBeLessThanOrEqual(Math.max(0, n - 1))
        }
      }),
      { numRuns: 100 },
    )
  })

  it('NFKC-equivalent passwords are the same password to the history', async () => {
    // Pairs that differ in code points but not after NFKC: full-width letters, ligatures, composed accents.
    const equivalent = fc.constantFrom(
      ['Ｐａｓｓｗｏｒｄ-ｗｉｄｅ', 'Password-wide'],
      ['ﬁnancial-ﬂow-2024', 'financial-flow-2024'],
      ['cafe\u0301-au-lait', 'café-au-lait'],
      ['Ⅻ-roman-numerals', 'XII-roman-numerals'],
    )
    await fc.assert(
      fc.asyncProperty(equivalent, fc.boolean(), async ([a, b], swap) => {
        const [first, second] = swap ? [b, a] : [a, b]
        expect(first).not.toBe(second)
        const world = await makeWorld({ history: 3 })
        expect((await world.resetWith(first)).isOk()).toBe(true)
        expect((await world.resetWith(second))._unsafeUnwrapErr().code).toBe('recurrent_password')
      }),
    )
  })
})
