import getCleanPasswords from '@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords.cjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadZxcvbn } from '../src/zxcvbn/estimator.js'
import { enumerateL33tVariants, type L33tTrieNode } from '../src/zxcvbn/l33t-variants.js'

// Differential: our enumerator against zxcvbn-ts's own, on its own trie, for every limit the
// options allow: the same variants, in the same order, with the same changes.

const trie = loadZxcvbn({}, { fastMatchers: false }).then(({ zxcvbn }) => (zxcvbn as unknown as { options: { trieNodeRoot: L33tTrieNode } }).options.trieNodeRoot)

// Passwords dense in what the trie substitutes: one-character keys ('4', '@', '0'), several-character
// ones ('|_|', '()', '|<'), keys that prefix others ('|', '|_'), and runs of one key (the
// fourth-in-a-row rule).
const L33T_PIECES = ['4', '@', '3', '1', '!', '|', '0', '()', '5', '$', '7', '+', '9', '6', '8', '2', '%', '><', '(', '<', '|_|', '|<', '|-|', '|)', '^^', 'nn', 'vv', 'uu', 'a', 'e', 'x', '|_']
const password = fc.oneof(
  fc.array(fc.constantFrom(...L33T_PIECES), { maxLength: 10 }).map((pieces) => pieces.join('')),
  fc.constantFrom('1111111', '44444', '|_||_||_||_|', 'p4$$w0rd', 'Tr0ub4dor&3', ''),
  fc.string({ maxLength: 16 }),
)

describe('l33t variants', () => {
  it('are zxcvbn-ts’s own, in its order, under any limit', async () => {
    const root = await trie
    fc.assert(
      fc.property(password, fc.oneof(fc.constantFrom(0, 1, 4, 32, 100), fc.nat(200)), (text, limit) => {
        expect(enumerateL33tVariants(text, limit, root)).toEqual(getCleanPasswords(text, limit, root))
      }),
      { numRuns: 1500 },
    )
  })
})
