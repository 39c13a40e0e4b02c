import { dictionary as common } from '@zxcvbn-ts/language-common'
import { dictionary as en } from '@zxcvbn-ts/language-en'
import fc from 'fast-check'
import { assert, describe, expect, it } from 'vitest'
import { l33tVariantsOncePerCheck } from '../src/zxcvbn/fast-dictionary.js'
import type { GetCleanPasswords } from '../src/zxcvbn/l33t-variants.js'
import { installFastMatchers, packFastMatcherData } from '../src/zxcvbn/fast-matcher-setup.js'
import { loadZxcvbn, type LoadedZxcvbn } from '../src/zxcvbn/estimator.js'

// Differential: our dictionary matchers against zxcvbn-ts's own, through the whole check
// (matches, guesses, score, feedback), on passwords built to reach every branch.

const sample = (words: readonly unknown[], count: number) => words.filter((word): word is string => typeof word === 'string').filter((_, i) => i % Math.ceil(words.length / count) === 0)
const WORDS = [...Object.values(common), ...Object.values(en)].flatMap((words) => sample(words, 60))
// Several-character substitutions ('|_|' for u) shift every later position of a variant.
const L33T: Record<string, readonly string[]> = {
  a: ['4', '@'], e: ['3'], i: ['1', '!', '|'], l: ['1', '|', '7'], o: ['0', '()'], s: ['5', '$'], t: ['7', '+'], g: ['6', '9'], b: ['8'],
  z: ['2'], x: ['%', '><'], c: ['(', '<'], u: ['|_|'], k: ['|<'], h: ['|-|'], d: ['|)'], m: ['^^', 'nn'], w: ['vv', 'uu'],
}

// Object.prototype's keys, which zxcvbn-ts finds in every dictionary, and word-sequence words.
const ODD_WORDS = ['constructor', '__proto__', 'tostring', 'hasownproperty', 'january', 'seven', 'fourth']

// A word as a person would disguise it: some letters l33t, some upper case, maybe reversed.
const disguisedWord = fc
  .tuple(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...ODD_WORDS)), fc.array(fc.nat(3), { minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([word, mask, reversed]) => {
    const chars = [...word].map((char, i) => {
      const how = mask[i % mask.length] ?? 0
      const subs = L33T[char.toLowerCase()]
      if (how === 1 && subs !== undefined) return subs[i % subs.length] as string
      return how === 2 ? char.toUpperCase() : char
    })
    return (reversed ? chars.reverse() : chars).join('')
  })
// 'İ' and 'Σ' lower-case to other lengths or by context, which moves zxcvbn-ts's slices.
const glue = fc.constantFrom('', '', '1', '!', '-', ' ', '2024', '_', '$', '😀', 'İ', 'Σ')
const disguisedWords = fc.array(fc.tuple(disguisedWord, glue).map(([word, sep]) => word + sep), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''))
const passwordArbitrary = fc.oneof(
  disguisedWords,
  fc.tuple(fc.constantFrom('İ', 'Σ', 'AΣ', 'ΑΣ '), disguisedWords).map(([lead, words]) => lead + words),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...'4@31!|0$5+7%(<6982soatelxi'), maxLength: 36 }),
)
// User inputs are often part of the password, as a person's name is part of theirs.
const passwordAndInputs = passwordArbitrary.chain((password) =>
  fc.tuple(
    fc.constant(password),
    fc.array(
      fc.oneof(
        fc.tuple(fc.nat(password.length), fc.integer({ min: 1, max: 12 })).map(([start, length]) => password.slice(start, start + length)),
        fc.constantFrom('alice', 'alice@example.com', 'constructor', '8613800000001'),
        fc.string({ maxLength: 12 }),
      ),
      { maxLength: 4 },
    ),
  ),
)

interface Internals {
  readonly matching: { match(password: string, userInputsOptions: unknown): unknown[] }
  readonly options: { getUserInputsOptions(inputs: string[]): unknown }
}

// Every match the matchers find, not only the cheapest sequence the score is built from.
const allMatches = (zxcvbn: LoadedZxcvbn['zxcvbn'], password: string, userInputs: string[]) => {
  const { matching, options } = zxcvbn as unknown as Internals
  return matching.match(password, options.getUserInputsOptions(userInputs))
}

const withoutTiming = (zxcvbn: LoadedZxcvbn['zxcvbn'], password: string, userInputs: string[]) => {
  const { calcTime: _ignored, ...result } = zxcvbn.check(password, userInputs)
  return result
}

describe.each([4, 0, 32])('fast dictionary matchers, l33tMaxSubstitutions %i', (l33tMaxSubstitutions) => {
  const options = { l33tMaxSubstitutions }
  const both = Promise.all([loadZxcvbn(options, { fastMatchers: false }), loadZxcvbn(options)])

  it('are the ones in use with the pinned zxcvbn-ts (an upgrade that changes its internals fails here)', async () => {
    const [stock, fast] = await both
    expect(stock.fastMatchers).toBe(false)
    expect(fast.fastMatchers).toBe(true)
  })

  it('give exactly the result zxcvbn-ts gives on its own, for any password and user inputs', async () => {
    const [stock, fast] = await both
    fc.assert(
      fc.property(passwordAndInputs, ([password, userInputs]) => {
        expect(allMatches(fast.zxcvbn, password, userInputs)).toEqual(allMatches(stock.zxcvbn, password, userInputs))
        expect(withoutTiming(fast.zxcvbn, password, userInputs)).toEqual(withoutTiming(stock.zxcvbn, password, userInputs))
      }),
      { numRuns: l33tMaxSubstitutions === 4 ? 400 : 120 },
    )
  })
})

// Found by search against mutants of the fast matchers, each failing one of these alone:
const QUIRKS: readonly (readonly [password: string, userInputs: string[]])[] = [
  // 'İ' lower-cases to two code units, so zxcvbn-ts's slices drift ('ny' reported as 'an').
  ['İ4ny', []],
  // A user input that lower-cases longer than it was typed is found only as the whole password.
  ['7()5+r|n9İhcR4tS1', ['n9İ']],
  // Several-character substitutions: a variant's positions no longer line up with the password's.
  ['vvvvvv', []],
  ['|_|k|<', []],
]

describe('fast dictionary matchers, known quirks', () => {
  it.each([4, 0, 32])('reproduce zxcvbn-ts on each at l33tMaxSubstitutions %i', async (l33tMaxSubstitutions) => {
    const [stock, fast] = await Promise.all([loadZxcvbn({ l33tMaxSubstitutions }, { fastMatchers: false }), loadZxcvbn({ l33tMaxSubstitutions })])
    for (const [password, userInputs] of QUIRKS) {
      expect(allMatches(fast.zxcvbn, password, userInputs)).toEqual(allMatches(stock.zxcvbn, password, userInputs))
    }
  })
})

describe('fast dictionary matchers, refusals', () => {
  it('leave an instance alone when it is not shaped as expected or uses Levenshtein distance', async () => {
    const library = { estimateGuesses: () => assert.fail('not called') }
    const { zxcvbn: source } = await loadZxcvbn({}, { fastMatchers: false })
    const data = packFastMatcherData(source)
    expect(data).toBeDefined()
    if (data === undefined) return
    for (const odd of [{}, null]) {
      expect(packFastMatcherData(odd)).toBeUndefined()
      expect(installFastMatchers(odd, library, data)).toBe(false)
    }
    const { zxcvbn } = await loadZxcvbn({}, { fastMatchers: false })
    const internals = zxcvbn as unknown as { options: { useLevenshteinDistance: boolean; rankedDictionaries: object } }
    internals.options.useLevenshteinDistance = true
    const before = internals.options.rankedDictionaries
    expect(packFastMatcherData(zxcvbn)).toBeUndefined()
    expect(installFastMatchers(zxcvbn, library, data)).toBe(false)
    expect(internals.options.rankedDictionaries).toBe(before)
  })
})

describe('l33t variants', () => {
  const options = { rankedDictionaries: {}, rankedDictionariesMaxWordSize: {}, l33tMaxSubstitutions: 7, trieNodeRoot: { getChild: () => undefined } }
  const counting = () => {
    const calls: unknown[][] = []
    const enumerate: GetCleanPasswords = (...args) => (calls.push(args), [{ password: `${args[0]}!`, changes: [], isFullSubstitution: false }])
    return { calls, variants: l33tVariantsOncePerCheck(options, enumerate) }
  }

  it('are enumerated once a check, with the options’ limit and trie, for every pass that asks', () => {
    const { calls, variants } = counting()
    const check = { rankedDictionary: {}, rankedDictionaryMaxWordSize: 0 }
    const first = variants({ password: 'p4ss', userInputsOptions: check })
    expect(variants({ password: 'p4ss', userInputsOptions: check })).toBe(first)
    expect(calls).toEqual([['p4ss', 7, options.trieNodeRoot]])
  })

  it('are still given for a check whose user-input object is frozen, only enumerated each time', () => {
    const { calls, variants } = counting()
    const frozen = Object.freeze({ rankedDictionary: {}, rankedDictionaryMaxWordSize: 0 })
    expect(variants({ password: 'p4ss', userInputsOptions: frozen })).toEqual([{ password: 'p4ss!', changes: [], isFullSubstitution: false }])
    expect(variants({ password: 'p4ss', userInputsOptions: frozen })).toHaveLength(1)
    expect(calls).toHaveLength(2)
  })

  it('are enumerated afresh for another check or another password, never carried over', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), fc.constantFrom('a', 'b')), { minLength: 1, maxLength: 12 }), (steps) => {
        const { calls, variants } = counting()
        const checks = [0, 1, 2].map(() => ({ rankedDictionary: {}, rankedDictionaryMaxWordSize: 0 }))
        for (const [check, password] of steps) expect(variants({ password, userInputsOptions: checks[check] as (typeof checks)[number] })).toEqual([{ password: `${password}!`, changes: [], isFullSubstitution: false }])
        // One enumeration for each run of the same check and password, whatever came between.
        const last = new Map<number, string>()
        let expected = 0
        for (const [check, password] of steps) {
          if (last.get(check) !== password) expected++
          last.set(check, password)
        }
        expect(calls).toHaveLength(expected)
      }),
    )
  })
})
