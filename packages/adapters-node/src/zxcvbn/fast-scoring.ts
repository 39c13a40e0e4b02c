// zxcvbn-ts 4.2's search for the cheapest sequence of matches (scoring/index.cjs), the same
// dynamic programme with the same arithmetic in the same order, minus its waste: it estimated a
// match's guesses again for every sequence length it was tried at (a fresh object each time,
// and for a keyboard pattern a walk over the whole keyboard graph), kept each prefix's
// candidates in objects keyed by length and listed them with Object.keys at every step. Here a
// match is estimated once per search and the candidates are arrays indexed by length. About
// half of a typical check's allocation was this search (`node bench/zxcvbn-matchers.js`).

/** A match as the matchers give it: the span it covers and what it is. */
export interface ScoredMatch {
  readonly i: number
  readonly j: number
  readonly token: string
  readonly pattern: string
  readonly guesses?: number
}

interface EstimatedMatch extends ScoredMatch {
  readonly guesses: number
  readonly guessesLog10: number
}

/** zxcvbn-ts's own estimate of one match (scoring/estimate.cjs): a copy with its guesses. */
export type EstimateGuesses = (options: unknown, match: ScoredMatch, password: string) => EstimatedMatch

export interface MatchSequence {
  readonly password: string
  readonly guesses: number
  readonly guessesLog10: number
  readonly sequence: EstimatedMatch[]
}

// zxcvbn-ts's constants, and its utils.factorial and utils.log10, which the result must match bit for bit.
const MIN_GUESSES_BEFORE_GROWING_SEQUENCE = 10_000
const BRUTEFORCE_CARDINALITY = 10
const MIN_SUBMATCH_GUESSES_SINGLE_CHAR = 10
const MIN_SUBMATCH_GUESSES_MULTI_CHAR = 50
const LOG10 = Math.log(10)
const log10 = (n: number): number => (n === 0 ? 0 : Math.log(n) / LOG10)
function factorial(n: number): number {
  let product = 1
  for (let i = 2; i <= n; i += 1) product *= i
  return product
}

/** For one prefix of the password, per sequence length: the best last match, its product term, its total. */
interface Candidates {
  readonly best: (EstimatedMatch | undefined)[]
  readonly product: number[]
  readonly total: (number | undefined)[]
}

/** A drop-in for zxcvbn-ts's Scoring: `mostGuessableMatchSequence` answers exactly as it does. */
export class FastScoring {
  constructor(
    private readonly options: unknown,
    private readonly estimateGuesses: EstimateGuesses,
  ) {}

  mostGuessableMatchSequence(password: string, matches: readonly ScoredMatch[], excludeAdditive = false): MatchSequence {
    const length = password.length
    const estimated = new Map<ScoredMatch, EstimatedMatch>()
    const estimate = (match: ScoredMatch): EstimatedMatch => {
      // zxcvbn-ts returns a match that has its guesses as it is: so do we, bruteforce spans included.
      if (match.guesses != null) return match as EstimatedMatch
      let known = estimated.get(match)
      if (known === undefined) estimated.set(match, (known = this.estimateGuesses(this.options, match, password)))
      return known
    }
    // Matches by the index they end at, each list by start (a stable sort, as zxcvbn-ts's).
    const endingAt: ScoredMatch[][] = Array.from({ length }, () => [])
    // An end past the password fails here as it does in zxcvbn-ts (a TypeError), never silently.
    for (const match of matches) (endingAt[match.j] as ScoredMatch[]).push(match)
    for (const list of endingAt) list.sort((a, b) => a.i - b.i)
    const optimal: Candidates[] = Array.from({ length }, () => ({ best: [], product: [], total: [] }))

    // A length-`sequenceLength` sequence ending with `match`: kept if no sequence of that length
    // or shorter covers the same prefix for fewer guesses.
    const update = (match: ScoredMatch, sequenceLength: number): void => {
      const scored = estimate(match)
      let product = scored.guesses
      if (sequenceLength > 1) product *= (optimal[scored.i - 1] as Candidates).product[sequenceLength - 1] as number
      let total = factorial(sequenceLength) * product
      if (!excludeAdditive) total += MIN_GUESSES_BEFORE_GROWING_SEQUENCE ** (sequenceLength - 1)
      const here = optimal[match.j] as Candidates
      const shortest = Math.min(sequenceLength, here.total.length - 1)
      for (let competing = 1; competing <= shortest; competing += 1) {
        const competingTotal = here.total[competing]
        if (competingTotal !== undefined && competingTotal <= total) return
      }
      here.total[sequenceLength] = total
      here.best[sequenceLength] = scored
      here.product[sequenceLength] = product
    }
    // Every sequence length with a candidate ending just before `start`, shortest first (the order Object.keys gave).
    const extendFrom = (start: number, match: ScoredMatch, skipBruteforce: boolean): void => {
      const before = (optimal[start - 1] as Candidates).best
      for (let sequenceLength = 1; sequenceLength < before.length; sequenceLength += 1) {
        const last = before[sequenceLength]
        // Two adjacent bruteforce matches are never optimal: one spanning both is cheaper.
        if (last !== undefined && !(skipBruteforce && last.pattern === 'bruteforce')) update(match, sequenceLength + 1)
      }
    }
    const bruteforce = (i: number, j: number): EstimatedMatch => estimatedBruteforce(password, i, j)

    for (let k = 0; k < length; k += 1) {
      for (const match of endingAt[k] as ScoredMatch[]) {
        if (match.i > 0) extendFrom(match.i, match, false)
        else update(match, 1)
      }
      update(bruteforce(0, k), 1)
      for (let i = 1; i <= k; i += 1) extendFrom(i, bruteforce(i, k), true)
    }
    const sequence = unwind(optimal, length)
    const guesses = length === 0 ? 1 : ((optimal[length - 1] as Candidates).total[sequence.length] as number)
    return { password, guesses, guessesLog10: log10(guesses), sequence }
  }
}

/**
 * zxcvbn-ts's estimate of the bruteforce span [i, j] (scoring/estimate.cjs over
 * matcher/bruteforce/scoring.cjs), the same arithmetic in the same order, made as one object with
 * its keys in the library's order. The search tries a span at every position and every length,
 * O(n²) of them a check, and the library's way (a match, then a spread copy with its guesses,
 * each remembered in a Map) was most of what scoring allocated.
 */
function estimatedBruteforce(password: string, i: number, j: number): EstimatedMatch {
  const token = password.slice(i, j + 1 || 9e9)
  const single = token.length === 1
  let guesses = BRUTEFORCE_CARDINALITY ** token.length
  if (guesses === Number.POSITIVE_INFINITY) guesses = Number.MAX_VALUE
  // bruteforce/scoring: one guess above the least a submatch may have, so real matches win ties.
  guesses = Math.max(guesses, (single ? MIN_SUBMATCH_GUESSES_SINGLE_CHAR : MIN_SUBMATCH_GUESSES_MULTI_CHAR) + 1)
  // estimate: the least any match covering less than the whole password may have.
  const minGuesses = token.length < password.length ? (single ? MIN_SUBMATCH_GUESSES_SINGLE_CHAR : MIN_SUBMATCH_GUESSES_MULTI_CHAR) : 1
  guesses = Math.max(guesses, minGuesses)
  return { pattern: 'bruteforce', token, i, j, guesses, guessesLog10: log10(guesses) }
}

/** Back from the end of the password along the cheapest sequence (the first cheapest length wins ties). */
function unwind(optimal: readonly Candidates[], length: number): EstimatedMatch[] {
  const sequence: EstimatedMatch[] = []
  let k = length - 1
  let sequenceLength = 0
  let cheapest = Infinity
  const totals = optimal[k]?.total ?? []
  for (let candidate = 1; candidate < totals.length; candidate += 1) {
    const total = totals[candidate]
    if (total !== undefined && total < cheapest) {
      sequenceLength = candidate
      cheapest = total
    }
  }
  while (k >= 0) {
    const match = (optimal[k] as Candidates).best[sequenceLength] as EstimatedMatch
    sequence.push(match)
    k = match.i - 1
    sequenceLength -= 1
  }
  return sequence.reverse()
}
