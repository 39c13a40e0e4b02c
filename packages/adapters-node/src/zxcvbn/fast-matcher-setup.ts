// Putting the fast matchers and scoring into one zxcvbn-ts instance: what is packed from a fully
// loaded one (in the loader thread, or this one), and how an instance is checked and rewired to use it.
import { openDictionaryIndex, packDictionaryIndex, transferablesOf, type PackedDictionaryIndex } from './dictionary-index.js'
import { l33tVariantsOncePerCheck, MATCHER_KEYS, matchersFor, PROTOTYPE_KEYS, type DictionaryMatcher, type MatcherOptions } from './fast-dictionary.js'
import { FastScoring, type EstimateGuesses } from './fast-scoring.js'
import { enumerateL33tVariants, type L33tTrieNode } from './l33t-variants.js'

type Ranked = Readonly<Record<string, number>>

/** The parts of a ZxcvbnFactory this module reads and replaces. */
interface ZxcvbnInternals {
  readonly options: MatcherOptions & {
    /** The word lists as given; read only when the ranked dictionaries are built. */
    dictionary: unknown
    rankedDictionaries: Readonly<Record<string, Ranked>>
    rankedDictionariesMaxWordSize: Readonly<Record<string, number>>
    readonly useLevenshteinDistance: boolean
    /** The keyboard graphs, which the fast scoring reads for keyboard patterns. */
    readonly graphs: Readonly<Record<string, unknown>>
    isWordSequence(name: string): boolean
  }
  readonly matching: { readonly matchers: Record<string, unknown> }
  /** The search for the cheapest match sequence: the instance's, and the repeat matcher's own. */
  scoring: Scoring
}

interface Scoring {
  mostGuessableMatchSequence(...args: never[]): unknown
}

/** The parts of zxcvbn-ts's dist the fast matchers and scoring reuse, from the release they were checked against. */
export interface LibraryInternals {
  readonly estimateGuesses: EstimateGuesses
}

/**
 * Everything the fast matchers need from a fully loaded zxcvbn instance, as plain data: the two
 * packed indexes (every dictionary; the word-sequence ones) and zxcvbn-ts's ranked dictionaries
 * cut down to the Object.prototype-key words it still reads them for (`prototypeKeyRanks`).
 */
export interface FastMatcherData {
  readonly plain: PackedDictionaryIndex
  readonly sequences: PackedDictionaryIndex
  readonly rankedDictionaries: Readonly<Record<string, Ranked>>
  readonly rankedDictionariesMaxWordSize: Readonly<Record<string, number>>
}

/** The buffers of `data` that can move to another thread without a copy. */
export const fastMatcherTransferables = (data: FastMatcherData): ArrayBuffer[] => [...transferablesOf(data.plain), ...transferablesOf(data.sequences)]

/**
 * Packs a zxcvbn instance's dictionaries for the fast matchers, or undefined when the instance
 * is not shaped as in zxcvbn-ts 4.2 or uses an option this module does not reproduce
 * (Levenshtein distance, a static userInputs set). The instance itself is left as it was.
 */
export function packFastMatcherData(zxcvbn: unknown): FastMatcherData | undefined {
  if (!hasExpectedShape(zxcvbn)) return undefined
  const { rankedDictionaries, rankedDictionariesMaxWordSize } = zxcvbn.options
  const allNames = Object.keys(rankedDictionaries)
  const sequenceNames = allNames.filter((name) => zxcvbn.options.isWordSequence(name))
  const pack = (names: string[]) => packDictionaryIndex(rankedDictionaries, rankedDictionariesMaxWordSize, names)
  return { plain: pack(allNames), sequences: pack(sequenceNames), rankedDictionaries: prototypeKeysOnly(rankedDictionaries), rankedDictionariesMaxWordSize }
}

/**
 * Puts the fast matchers and scoring into this one zxcvbn instance (nothing shared is patched),
 * over `data` packed from an instance made with the same dictionaries. The instance's own ranked
 * dictionaries become `data`'s cut-down ones, and its word lists are dropped: zxcvbn-ts reads
 * them only to rank them, in its constructor. Returns false, changing nothing, when the
 * instance is not shaped as expected.
 */
export function installFastMatchers(zxcvbn: unknown, { estimateGuesses }: LibraryInternals, data: FastMatcherData): boolean {
  if (!hasExpectedShape(zxcvbn)) return false
  const { options, matching } = zxcvbn
  const scoring = new FastScoring(options, estimateGuesses)
  zxcvbn.scoring = scoring
  ;(matching.matchers['repeat'] as { scoring: Scoring }).scoring = scoring
  options.rankedDictionaries = data.rankedDictionaries
  options.rankedDictionariesMaxWordSize = data.rankedDictionariesMaxWordSize
  options.dictionary = {}
  const l33tVariants = l33tVariantsOncePerCheck(options, enumerateL33tVariants)
  const plain = matchersFor(openDictionaryIndex(data.plain), true, options, l33tVariants)
  const sequences = matchersFor(openDictionaryIndex(data.sequences), false, options, l33tVariants)
  for (const key of MATCHER_KEYS) {
    matching.matchers[key] = plain[key]
    ;(matching.matchers['wordSequence'] as Record<string, unknown>)[key] = sequences[key]
  }
  return true
}

/**
 * Once the index holds every word, zxcvbn-ts's own ranked dictionaries (objects of up to 89,000
 * keys, ~14 MiB of a worker's heap) are read only for words that are also Object.prototype
 * keys (`prototypeKeyRanks`); every other matcher that read them is replaced. So each is cut
 * down to those entries, still a plain object, so an inherited key reads as it did.
 */
function prototypeKeysOnly(rankedDictionaries: Readonly<Record<string, Ranked>>): Record<string, Ranked> {
  const cut: Record<string, Ranked> = {}
  for (const [name, ranked] of Object.entries(rankedDictionaries)) {
    const kept: Record<string, number> = {}
    for (const key of PROTOTYPE_KEYS) if (Object.hasOwn(ranked, key)) kept[key] = ranked[key] as number
    cut[name] = kept
  }
  return cut
}

const isScoring = (scoring: unknown): boolean => typeof (scoring as Partial<Scoring> | undefined)?.mostGuessableMatchSequence === 'function'

function hasExpectedShape(zxcvbn: unknown): zxcvbn is ZxcvbnInternals {
  const { options, matching, scoring } = (zxcvbn ?? {}) as Partial<ZxcvbnInternals>
  const matchers = matching?.matchers
  const wordSequence = matchers?.['wordSequence'] as Record<string, unknown> | undefined
  return (
    isScoring(scoring) &&
    isScoring((matchers?.['repeat'] as { scoring?: unknown } | undefined)?.scoring) &&
    options !== undefined &&
    typeof options.rankedDictionaries === 'object' &&
    typeof options.rankedDictionariesMaxWordSize === 'object' &&
    typeof options.isWordSequence === 'function' &&
    typeof options.graphs === 'object' &&
    options.graphs !== null &&
    typeof options.l33tMaxSubstitutions === 'number' &&
    typeof (options.trieNodeRoot as Partial<L33tTrieNode> | undefined)?.getChild === 'function' &&
    options.useLevenshteinDistance === false &&
    !Object.hasOwn(options.rankedDictionaries, 'userInputs') &&
    Object.keys(options.rankedDictionaries).every((name) => !name.includes('\u0000')) &&
    wordSequence !== undefined &&
    MATCHER_KEYS.every((key) => typeof (matchers?.[key] as DictionaryMatcher | undefined)?.match === 'function') &&
    MATCHER_KEYS.every((key) => typeof (wordSequence[key] as DictionaryMatcher | undefined)?.match === 'function')
  )
}

