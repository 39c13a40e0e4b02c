// zxcvbn-ts 4.2's search for the cheapest sequence of matches (scoring/index.cjs), the same
// dynamic programme with the same arithmetic in the same order, minus its waste: it estimated a
// match's guesses again for every sequence length it was tried at (a fresh object each time,
// and for a keyboard pattern a walk over the whole keyboard graph), made a match for every
// bruteforce span it tried, kept each prefix's candidates in objects keyed by length and listed
// them with Object.keys at every step. Here a match is estimated once per search, a bruteforce
// span becomes a match only when a sequence keeps it, and the candidates are one flat table.
// The search was about half of what a typical check allocated (`node bench/zxcvbn-matchers.js`).

import { bruteforceGuesses, estimatedBruteforce, estimatedSpatial, isSpatial, log10, type EstimatedMatch, type ScoredMatch } from './fast-estimates.js'

export type { ScoredMatch } from './fast-estimates.js'

/** zxcvbn-ts's own estimate of one match (scoring/estimate.cjs): a copy with its guesses. */
export type EstimateGuesses = (options: unknown, match: ScoredMatch, password: string) => EstimatedMatch

export interface MatchSequence {
  readonly password: string
  readonly guesses: number
  readonly guessesLog10: number
  readonly sequence: EstimatedMatch[]
}

// zxcvbn-ts's constant and its utils.factorial, which the result must match bit for bit.
const MIN_GUESSES_BEFORE_GROWING_SEQUENCE = 10_000
function factorial(n: number): number {
  let product = 1
  for (let i = 2; i <= n; i += 1) product *= i
  return product
}

/**
 * The search's table: for each prefix of the password (ending at k) and each sequence length l,
 * the best last match, its product term and its total, at k × width + l. Flat and sized once:
 * arrays grown one length at a time were a third of what a check allocated. Plain arrays of
 * doubles, which V8 keeps unboxed on its heap, not typed arrays, whose memory above 64 bytes is
 * allocated outside it and freed only when a collection finds the array dead. A total that is
 * NaN was never set (NaN compares false both ways, as undefined did).
 */
interface Table {
  readonly width: number
  readonly best: (EstimatedMatch | undefined)[]
  readonly product: number[]
  readonly total: number[]
  /** Per prefix, the longest sequence length that has a candidate (0: none yet). */
  readonly longest: number[]
}

function tableFor(length: number): Table {
  const width = length + 1
  return {
    width,
    best: new Array<EstimatedMatch | undefined>(length * width),
    product: new Array<number>(length * width).fill(0),
    total: new Array<number>(length * width).fill(Number.NaN),
    longest: new Array<number>(length).fill(0),
  }
}

// A stable sort by start, in place: each list holds a few matches, and Array.prototype.sort
// allocates its workspace on every call.
function sortByStart(list: ScoredMatch[]): void {
  for (let at = 1; at < list.length; at += 1) {
    const match = list[at] as ScoredMatch
    let to = at
    while (to > 0 && (list[to - 1] as ScoredMatch).i > match.i) {
      list[to] = list[to - 1] as ScoredMatch
      to -= 1
    }
    list[to] = match
  }
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
      if (known === undefined) {
        known = isSpatial(match) ? estimatedSpatial(this.options, match, password) : this.estimateGuesses(this.options, match, password)
        estimated.set(match, known)
      }
      return known
    }
    // Matches by the index they end at, each list by start (a stable sort, as zxcvbn-ts's).
    const endingAt: ScoredMatch[][] = Array.from({ length }, () => [])
    // An end past the password fails here as it does in zxcvbn-ts (a TypeError), never silently.
    for (const match of matches) (endingAt[match.j] as ScoredMatch[]).push(match)
    for (const list of endingAt) sortByStart(list)
    const table = tableFor(length)
    // A bruteforce span's guesses depend only on its length here: one pow per length, not per span.
    const bruteforceByLength = Array.from({ length: length + 1 }, (_, tokenLength) => bruteforceGuesses(tokenLength, length))
    const { width, best, product, total, longest } = table

    // A sequence's total from its product term, as zxcvbn-ts sums it.
    const totalOf = (term: number, sequenceLength: number): number => {
      let sum = factorial(sequenceLength) * term
      if (!excludeAdditive) sum += MIN_GUESSES_BEFORE_GROWING_SEQUENCE ** (sequenceLength - 1)
      return sum
    }
    // Whether a sequence of this length or shorter already covers the prefix ending at j for no more.
    const beaten = (j: number, sequenceLength: number, sum: number): boolean => {
      const here = j * width
      const shortest = Math.min(sequenceLength, longest[j] as number)
      for (let competing = 1; competing <= shortest; competing += 1) if ((total[here + competing] as number) <= sum) return true
      return false
    }
    const keep = (j: number, sequenceLength: number, sum: number, term: number, last: EstimatedMatch): void => {
      const at = j * width + sequenceLength
      total[at] = sum
      best[at] = last
      product[at] = term
      if (sequenceLength > (longest[j] as number)) longest[j] = sequenceLength
    }
    // The product term of a sequence of `sequenceLength` ending with a match of `guesses` that starts at `start`.
    const termOf = (guesses: number, start: number, sequenceLength: number): number =>
      sequenceLength > 1 ? guesses * (product[(start - 1) * width + sequenceLength - 1] as number) : guesses
    // A length-`sequenceLength` sequence ending with `match`: kept if no sequence of that length
    // or shorter covers the same prefix for fewer guesses.
    const update = (match: ScoredMatch, sequenceLength: number): void => {
      const scored = estimate(match)
      const term = termOf(scored.guesses, scored.i, sequenceLength)
      const sum = totalOf(term, sequenceLength)
      if (!beaten(match.j, sequenceLength, sum)) keep(match.j, sequenceLength, sum, term, scored)
    }
    // The bruteforce span [i, j] after every sequence ending just before i, bar those ending in
    // bruteforce (two adjacent bruteforce spans are never optimal: one spanning both is cheaper).
    // The span's match is made only if a sequence keeps it: most are beaten, and the search tries
    // O(n²) of them.
    const extendWithBruteforce = (i: number, j: number): void => {
      const guesses = bruteforceByLength[j - i + 1] as number
      const before = (i - 1) * width
      let span: EstimatedMatch | undefined
      for (let sequenceLength = 1; sequenceLength <= (longest[i - 1] as number); sequenceLength += 1) {
        const last = best[before + sequenceLength]
        if (last === undefined || last.pattern === 'bruteforce') continue
        const term = termOf(guesses, i, sequenceLength + 1)
        const sum = totalOf(term, sequenceLength + 1)
        if (!beaten(j, sequenceLength + 1, sum)) keep(j, sequenceLength + 1, sum, term, (span ??= estimatedBruteforce(password, i, j, guesses)))
      }
    }
    // Every sequence length with a candidate ending just before `start`, shortest first (the order Object.keys gave).
    const extendFrom = (start: number, match: ScoredMatch): void => {
      const before = (start - 1) * width
      for (let sequenceLength = 1; sequenceLength <= (longest[start - 1] as number); sequenceLength += 1) {
        if (best[before + sequenceLength] !== undefined) update(match, sequenceLength + 1)
      }
    }

    for (let k = 0; k < length; k += 1) {
      for (const match of endingAt[k] as ScoredMatch[]) {
        if (match.i > 0) extendFrom(match.i, match)
        else update(match, 1)
      }
      const whole = bruteforceByLength[k + 1] as number
      const sum = totalOf(whole, 1)
      if (!beaten(k, 1, sum)) keep(k, 1, sum, whole, estimatedBruteforce(password, 0, k, whole))
      for (let i = 1; i <= k; i += 1) extendWithBruteforce(i, k)
    }
    const sequence = unwind(table, length)
    const guesses = length === 0 ? 1 : (total[(length - 1) * width + sequence.length] as number)
    return { password, guesses, guessesLog10: log10(guesses), sequence }
  }
}

/** Back from the end of the password along the cheapest sequence (the first cheapest length wins ties). */
function unwind({ width, best, total, longest }: Table, length: number): EstimatedMatch[] {
  const sequence: EstimatedMatch[] = []
  let k = length - 1
  let sequenceLength = 0
  let cheapest = Infinity
  const last = k * width
  for (let candidate = 1; k >= 0 && candidate <= (longest[k] as number); candidate += 1) {
    const candidateTotal = total[last + candidate] as number
    if (candidateTotal < cheapest) {
      sequenceLength = candidate
      cheapest = candidateTotal
    }
  }
  while (k >= 0) {
    const match = best[k * width + sequenceLength] as EstimatedMatch
    sequence.push(match)
    k = match.i - 1
    sequenceLength -= 1
  }
  return sequence.reverse()
}
