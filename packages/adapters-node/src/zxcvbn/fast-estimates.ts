// zxcvbn-ts 4.2's estimates of single matches (scoring/estimate.cjs over its matchers' scoring),
// the same arithmetic in the same order, for the matches the search meets most and the library
// made most costly: bruteforce spans, O(n²) of them a check, and keyboard patterns, for each of
// which it worked out the whole keyboard graph's shape again.

/** A match as the matchers give it: the span it covers and what it is. */
export interface ScoredMatch {
  readonly i: number
  readonly j: number
  readonly token: string
  readonly pattern: string
  readonly guesses?: number
}

export interface EstimatedMatch extends ScoredMatch {
  readonly guesses: number
  readonly guessesLog10: number
}

// zxcvbn-ts's constants, and its utils.log10, which the results must match bit for bit.
const BRUTEFORCE_CARDINALITY = 10
const MIN_SUBMATCH_GUESSES_SINGLE_CHAR = 10
const MIN_SUBMATCH_GUESSES_MULTI_CHAR = 50
const LOG10 = Math.log(10)
export const log10 = (n: number): number => (n === 0 ? 0 : Math.log(n) / LOG10)

// estimate.cjs's getMinGuesses: the least any match covering less than the whole password may have.
const minGuessesOf = (tokenLength: number, passwordLength: number): number =>
  tokenLength < passwordLength ? (tokenLength === 1 ? MIN_SUBMATCH_GUESSES_SINGLE_CHAR : MIN_SUBMATCH_GUESSES_MULTI_CHAR) : 1

/**
 * zxcvbn-ts's guesses for a bruteforce span of `tokenLength` in a password of `passwordLength`
 * (scoring/estimate.cjs over matcher/bruteforce/scoring.cjs), the same arithmetic in the same order.
 */
export function bruteforceGuesses(tokenLength: number, passwordLength: number): number {
  const single = tokenLength === 1
  let guesses = BRUTEFORCE_CARDINALITY ** tokenLength
  if (guesses === Number.POSITIVE_INFINITY) guesses = Number.MAX_VALUE
  // bruteforce/scoring: one guess above the least a submatch may have, so real matches win ties.
  guesses = Math.max(guesses, (single ? MIN_SUBMATCH_GUESSES_SINGLE_CHAR : MIN_SUBMATCH_GUESSES_MULTI_CHAR) + 1)
  return Math.max(guesses, minGuessesOf(tokenLength, passwordLength))
}

/** The bruteforce span [i, j] as zxcvbn-ts's estimate makes it: its keys in the library's order. */
export function estimatedBruteforce(password: string, i: number, j: number, guesses: number): EstimatedMatch {
  return { pattern: 'bruteforce', token: password.slice(i, j + 1 || 9e9), i, j, guesses, guessesLog10: log10(guesses) }
}

// zxcvbn-ts's utils.nCk, for the same floating-point results.
function nCk(n: number, k: number): number {
  let count = n
  if (k > count) return 0
  if (k === 0) return 1
  let coefficient = 1
  for (let i = 1; i <= k; i += 1) {
    coefficient *= count
    coefficient /= i
    count -= 1
  }
  return coefficient
}

/** A keyboard graph: each key's neighbours, null where it has none in that direction. */
type KeyboardGraph = Readonly<Record<string, readonly (string | null | undefined)[]>>

interface SpatialMatch extends ScoredMatch {
  readonly pattern: 'spatial'
  readonly graph: string
  readonly turns: number
  readonly shiftedCount: number
}

export const isSpatial = (match: ScoredMatch): match is SpatialMatch => match.pattern === 'spatial'

/** A graph's key count and average degree, which zxcvbn-ts worked out again for every keyboard pattern. */
interface GraphShape {
  readonly startingPositions: number
  readonly averageDegree: number
}
const graphShapes = new WeakMap<KeyboardGraph, GraphShape>()

// matcher/spatial/scoring.cjs's calcAverageDegree and key count, summed in the same order; kept
// per graph object (zxcvbn-ts's options build their graphs once and never change them).
function shapeOf(graph: KeyboardGraph): GraphShape {
  let shape = graphShapes.get(graph)
  if (shape === undefined) {
    // zxcvbn-ts counts the keys with Object.keys and Object.entries: the same own keys.
    const keys = Object.keys(graph)
    let average = 0
    for (const key of keys) average += (graph[key] as readonly unknown[]).filter((entry) => !!entry).length
    average /= keys.length
    shape = { startingPositions: keys.length, averageDegree: average }
    graphShapes.set(graph, shape)
  }
  return shape
}

/**
 * zxcvbn-ts's estimate of a keyboard pattern (scoring/estimate.cjs over matcher/spatial/
 * scoring.cjs), the same arithmetic in the same order, with the graph's shape worked out once.
 */
export function estimatedSpatial(options: unknown, match: SpatialMatch, password: string): EstimatedMatch {
  const { token, turns, shiftedCount } = match
  const { startingPositions, averageDegree } = shapeOf((options as { graphs: Readonly<Record<string, KeyboardGraph>> }).graphs[match.graph] as KeyboardGraph)
  let guesses = 0
  // The number of possible patterns of the token's length or less, with its turns or fewer.
  for (let i = 2; i <= token.length; i += 1) {
    const possibleTurns = Math.min(turns, i - 1)
    for (let j = 1; j <= possibleTurns; j += 1) guesses += nCk(i - 1, j - 1) * startingPositions * averageDegree ** j
  }
  // Shifted keys (% for 5, A for a) add guesses as l33t substitutions do.
  if (shiftedCount) {
    const unShiftedCount = token.length - shiftedCount
    if (shiftedCount === 0 || unShiftedCount === 0) guesses *= 2
    else {
      let shiftedVariations = 0
      for (let i = 1; i <= Math.min(shiftedCount, unShiftedCount); i += 1) shiftedVariations += nCk(shiftedCount + unShiftedCount, i)
      guesses *= shiftedVariations
    }
  }
  guesses = Math.round(guesses)
  const matchGuesses = Math.max(guesses, minGuessesOf(token.length, password.length))
  return { ...match, guesses: matchGuesses, guessesLog10: log10(matchGuesses) }
}
