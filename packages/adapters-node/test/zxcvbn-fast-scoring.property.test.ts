import Scoring from '@zxcvbn-ts/core/dist/scoring/index.cjs'
import estimateGuesses from '@zxcvbn-ts/core/dist/scoring/estimate.cjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadZxcvbn } from '../src/zxcvbn/estimator.js'
import { FastScoring, type ScoredMatch } from '../src/zxcvbn/fast-scoring.js'

// Differential: the search for the cheapest match sequence against zxcvbn-ts's own, on the
// matches its matchers find and on made-up ones full of ties, with and without the additive term.
// (zxcvbn-fast-dictionary.property.test.ts also compares whole checks, which use both.)

interface Internals {
  readonly options: { getUserInputsOptions(inputs: string[]): unknown }
  readonly matching: { match(password: string, userInputsOptions: unknown): ScoredMatch[] }
}
const stock = loadZxcvbn({}, { fastMatchers: false }).then(({ zxcvbn }) => zxcvbn as unknown as Internals)

const both = (options: unknown, password: string, matches: ScoredMatch[], excludeAdditive: boolean) => [
  new FastScoring(options, estimateGuesses).mostGuessableMatchSequence(password, matches, excludeAdditive),
  new Scoring(options).mostGuessableMatchSequence(password, matches, excludeAdditive),
]

const password = fc.oneof(
  fc.string({ maxLength: 32 }),
  fc.constantFrom('correcthorse2024', 'qwertyuiop', 'aaaaaa111', 'Tr0ub4dor&3', 'january1999abc', 'zxcvbnm,./', 'abcabcabc', ''),
  // Keyboard patterns, with turns and shifted keys, on each of zxcvbn-ts's graphs.
  fc.constantFrom('1qaz2wsx', 'QWErty', '!@#$%^&*', 'zaq1@WSX', 'qAzWsX', 'poiuyt', '7531', '/*-+', 'Mju7&YHN', 'asdfghjkl;'),
)

// Spans anywhere in the password, with guesses from a short list so that many tie; a match that
// already has guesses is not estimated again, so these reach the search as they are.
const madeUp = fc.integer({ min: 1, max: 20 }).chain((length) =>
  fc.tuple(
    fc.constant('x'.repeat(length)),
    fc.array(
      fc
        .tuple(fc.nat(length - 1), fc.nat(length - 1), fc.constantFrom(1, 10, 11, 50, 100, 1e4, 1e6, 1e20), fc.constantFrom('dictionary', 'bruteforce', 'spatial'))
        .map(([a, b, guesses, pattern]): ScoredMatch => ({ i: Math.min(a, b), j: Math.max(a, b), token: 'x'.repeat(Math.abs(a - b) + 1), pattern, guesses })),
      { maxLength: 30 },
    ),
  ),
)

describe('fast scoring', () => {
  it('finds the sequence, guesses and log10 zxcvbn-ts finds, on its matchers’ matches', async () => {
    const zxcvbn = await stock
    fc.assert(
      fc.property(password, fc.boolean(), (text, excludeAdditive) => {
        const matches = zxcvbn.matching.match(text, zxcvbn.options.getUserInputsOptions([]))
        const [fast, library] = both(zxcvbn.options, text, matches, excludeAdditive)
        expect(fast).toEqual(library)
        // As zxcvbn-ts calls it, without the third argument.
        expect(new FastScoring(zxcvbn.options, estimateGuesses).mostGuessableMatchSequence(text, matches)).toEqual(new Scoring(zxcvbn.options).mostGuessableMatchSequence(text, matches))
      }),
      { numRuns: 300 },
    )
  })

  it('breaks ties as zxcvbn-ts does, on made-up overlapping matches', async () => {
    const zxcvbn = await stock
    fc.assert(
      fc.property(madeUp, fc.boolean(), ([text, matches], excludeAdditive) => {
        const [fast, library] = both(zxcvbn.options, text, matches, excludeAdditive)
        expect(fast).toEqual(library)
        // The same match objects are chosen, not only equal ones.
        fast?.sequence.forEach((match, at) => {
          if (match.pattern !== 'bruteforce') expect(matches).toContain(match)
          expect(match).toEqual(library?.sequence[at])
        })
      }),
      { numRuns: 1000 },
    )
  })

  it('estimates each match once per search, however many sequences it is tried in', async () => {
    const zxcvbn = await stock
    fc.assert(
      fc.property(password, (text) => {
        const matches = zxcvbn.matching.match(text, zxcvbn.options.getUserInputsOptions([]))
        const estimatedTimes = new Map<string, number>()
        const counting: typeof estimateGuesses = (options, match, password) => {
          const key = `${match.pattern} ${match.i} ${match.j} ${matches.indexOf(match)}`
          estimatedTimes.set(key, (estimatedTimes.get(key) ?? 0) + 1)
          return estimateGuesses(options, match, password)
        }
        new FastScoring(zxcvbn.options, counting).mostGuessableMatchSequence(text, matches)
        expect([...estimatedTimes.values()].every((times) => times === 1)).toBe(true)
      }),
      { numRuns: 100 },
    )
  })
})
