import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { packWords } from '../src/policy/packed-words.js'

// Short strings over a few characters, so queries often share prefixes with the words, are
// prefixes of them or extend them; plus any UTF-16 (lone surrogates, astral characters, '').
const word = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '😀', '\n', '\0'), maxLength: 5 }), fc.string({ unit: 'binary', maxLength: 6 }))

describe('packed words', () => {
  it('hold exactly the words a Set of them holds: every word is in, every other string is out', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 20 }), (words, others) => {
        const packed = packWords(words)
        const set = new Set(words)
        expect(packed.size).toBe(set.size)
        for (const query of [...words, ...others]) expect(packed.has(query)).toBe(set.has(query))
      }),
      { numRuns: 2000 },
    )
  })

  it('answer the same whatever order the words come in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 30 }).chain((words) => fc.tuple(fc.constant(words), fc.shuffledSubarray(words, { minLength: words.length }))), word, ([words, shuffled], query) => {
        expect(packWords(shuffled).has(query)).toBe(packWords(words).has(query))
        for (const each of words) expect(packWords(shuffled).has(each)).toBe(true)
      }),
    )
  })

  it('an empty list holds nothing, not even the empty string', () => {
    expect(packWords([]).has('')).toBe(false)
    expect(packWords(['']).has('')).toBe(true)
    expect(packWords(['']).has('a')).toBe(false)
  })
})
