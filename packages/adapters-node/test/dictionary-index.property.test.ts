import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashOf, HASH_START, hashStep, openDictionaryIndex, packDictionaryIndex, type DictionaryIndex } from '../src/zxcvbn/dictionary-index.js'

// Ranked dictionaries as zxcvbn-ts builds them (word → rank from 1), from small alphabets so
// words repeat across dictionaries and spans of a probe often are words.
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '1', '\u0130'), minLength: 1, maxLength: 5 })
const dictionaries = fc
  .uniqueArray(fc.constantFrom('passwords', 'names', 'english', 'months'), { minLength: 1, maxLength: 4 })
  .chain((names) => fc.tuple(fc.constant(names), fc.tuple(...names.map(() => fc.uniqueArray(word, { maxLength: 30 })))))
  .map(([names, lists]) => ({ names, ranked: Object.fromEntries(names.map((name, i) => [name, Object.fromEntries((lists[i] ?? []).map((w, rank) => [w, rank + 1]))])) }))

/** The model: every dictionary holding the word, with its rank, in the order of `names`. */
const expected = (ranked: Record<string, Record<string, number>>, names: string[], probe: string) => {
  const found = names.filter((name) => Object.hasOwn(ranked[name] ?? {}, probe)).map((name) => [name, ranked[name]?.[probe]] as const)
  return found.length === 0 ? undefined : found
}

/** A whole word looked up as a span of itself. */
const find = (index: DictionaryIndex, word: string) => index.findSpan(word, 0, word.length, hashOf(word))

describe('the packed dictionary index', () => {
  it('finds exactly the dictionaries holding a word, with its rank there, in order, for a whole word or a span of a longer string', () => {
    fc.assert(
      fc.property(dictionaries, fc.array(word, { maxLength: 10 }), ({ names, ranked }, probes) => {
        const sizes = Object.fromEntries(names.map((name) => [name, 5]))
        // Built in one thread or packed and opened in another (here: structuredClone): the same.
        const index = openDictionaryIndex(packDictionaryIndex(ranked, sizes, names))
        const reopened = openDictionaryIndex(structuredClone(packDictionaryIndex(ranked, sizes, names)))
        const everyWord = names.flatMap((name) => Object.keys(ranked[name] ?? {}))
        for (const probe of [...everyWord, ...probes]) {
          expect(find(index, probe)).toEqual(expected(ranked, names, probe))
          expect(find(reopened, probe)).toEqual(expected(ranked, names, probe))
        }
        const source = probes.join('')
        for (let start = 0; start < source.length; start++) {
          let hash = HASH_START
          for (let end = start + 1; end <= source.length; end++) {
            hash = hashStep(hash, source.charCodeAt(end - 1))
            const span = source.slice(start, end)
            expect(hash).toBe(hashOf(span))
            expect(index.findSpan(source, start, end - start, hash)).toEqual(expected(ranked, names, span))
          }
        }
      }),
    )
  })

  it('may start a word at every prefix of every word (the word included), so a scan never stops before a match', () => {
    fc.assert(
      fc.property(dictionaries, ({ names, ranked }) => {
        const sizes = Object.fromEntries(names.map((name) => [name, 5]))
        const index = openDictionaryIndex(structuredClone(packDictionaryIndex(ranked, sizes, names)))
        for (const word of names.flatMap((name) => Object.keys(ranked[name] ?? {}))) {
          for (let end = 1; end <= word.length; end++) expect(index.mayStartWord(hashOf(word.slice(0, end)))).toBe(true)
        }
      }),
    )
  })

  it('starts no word at any span when it holds none, and few spans of text unlike its words', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (probe) => {
        const empty = openDictionaryIndex(packDictionaryIndex({ english: {} }, { english: 0 }, ['english']))
        expect(empty.mayStartWord(hashOf(probe))).toBe(false)
      }),
    )
    // 2,000 distinct words of 8 letters from a-m, and 2,000 distinct spans from n-z, which start
    // none of them. Two bits per character of the words: at most half of them are set.
    const base13 = (n: number, length: number, first: number) => Array.from({ length }, (_, k) => String.fromCharCode(first + (Math.floor(n / 13 ** k) % 13))).join('')
    const words = Array.from({ length: 2000 }, (_, w) => base13(w * 104_729 + 12_345, 8, 97))
    const index = openDictionaryIndex(packDictionaryIndex({ english: Object.fromEntries(words.map((w, rank) => [w, rank + 1])) }, { english: 8 }, ['english']))
    const strangers = Array.from({ length: 2000 }, (_, s) => base13(s * 7_907 + 31, 4 + (s % 3), 110))
    expect(new Set(strangers).size).toBe(strangers.length)
    const mayStart = strangers.filter((span) => index.mayStartWord(hashOf(span))).length
    expect(mayStart).toBeLessThan(strangers.length / 2)
  })
})
