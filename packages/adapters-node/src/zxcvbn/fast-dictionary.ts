// zxcvbn-ts 4.2's dictionary matchers (plain, reversed, l33t, and the three again for word
// sequences), rewritten to find the same matches through a DictionaryIndex. Those passes were
// three quarters of a check. The logic follows the library's source line for line, quirks
// included, and a differential property test holds the whole check to the library's own result.
import type { DictionaryMatch, L33tMatch, UserInputsOptions } from '@zxcvbn-ts/core'
import { HASH_START, hashStep, type DictionaryIndex } from './dictionary-index.js'
import type { GetCleanPasswords, L33tTrieNode, PasswordChange, PasswordWithSubs } from './l33t-variants.js'

type Ranked = Readonly<Record<string, number>>

interface MatchCall {
  readonly password: string
  readonly userInputsOptions?: UserInputsOptions
}
export interface DictionaryMatcher {
  match(call: MatchCall): DictionaryMatch[]
}

/** What the matchers read of a zxcvbn instance's options (the setup checks the instance has them). */
export interface MatcherOptions {
  readonly rankedDictionaries: Readonly<Record<string, Ranked>>
  readonly rankedDictionariesMaxWordSize: Readonly<Record<string, number>>
  readonly l33tMaxSubstitutions: number
  readonly trieNodeRoot: L33tTrieNode
}

/** The matchers replaced, in zxcvbn-ts's own matcher table and its word-sequence one. */
export const MATCHER_KEYS = ['dictionary', 'dictionaryL33t', 'dictionaryReverse'] as const

/** A check's password's l33t variants, as zxcvbn-ts's enumerator lists them for these options. */
export type L33tVariants = (call: MatchCall) => readonly PasswordWithSubs[]

/**
 * What one check works out once for several of its passes, kept on the check's own user-input
 * object under a symbol of ours: zxcvbn-ts makes that object afresh for every check and no one
 * holds it after, so what is kept goes when its check does. On it, not in a WeakMap keyed by it:
 * there the values outlived their checks in V8's young-generation collections and were promoted
 * to the old generation (`--trace-gc` on the checking thread at N = 0, c = 64, two runs each:
 * ~12 KiB promoted a check and 5 full collections in 20 s, against ~9 KiB and 3–4 this way).
 * `fits` says whether what is kept answers this call. An object someone froze is still checked,
 * only without the memo.
 */
function keptForCheck<T>(check: object, key: symbol, compute: () => T, fits: (kept: T) => boolean = () => true): T {
  const holder = check as Record<symbol, T | undefined>
  const kept = holder[key]
  if (kept !== undefined && fits(kept)) return kept
  const computed = compute()
  if (Object.isExtensible(holder)) holder[key] = computed
  return computed
}

/**
 * The l33t variants of a check's password, enumerated once for the two passes that read them
 * (the dictionaries', and the word sequences' over their own index): zxcvbn-ts enumerated them
 * for each.
 */
export function l33tVariantsOncePerCheck(options: MatcherOptions, getCleanPasswords: GetCleanPasswords): L33tVariants {
  const enumerate = (password: string) => getCleanPasswords(password, options.l33tMaxSubstitutions, options.trieNodeRoot)
  const key = Symbol('resetkit l33t variants')
  return ({ password, userInputsOptions }) => {
    if (userInputsOptions === undefined) return enumerate(password)
    const kept = () => ({ password, variants: enumerate(password) })
    return keptForCheck(userInputsOptions, key, kept, (known) => known.password === password).variants
  }
}

export function matchersFor(
  index: DictionaryIndex,
  withUserInputs: boolean,
  options: MatcherOptions,
  l33tVariants: L33tVariants,
): Record<(typeof MATCHER_KEYS)[number], DictionaryMatcher> {
  const scan: Scan = (password, userInputsOptions, settledUntil) =>
    matchDictionary(index, options, password, withUserInputs ? userInputsOptions : undefined, settledUntil)
  const dictionary: DictionaryMatcher = { match: ({ password, userInputsOptions }) => scan(password, userInputsOptions) }
  return {
    dictionary,
    dictionaryReverse: { match: (call) => matchReversed(dictionary, call) },
    dictionaryL33t: { match: (call) => matchL33t(scan, call, l33tVariants(call)) },
  }
}

/** The dictionary pass; with `settledUntil`, spans [i, j] with j < settledUntil[i] are not looked up. */
type Scan = (password: string, userInputs: UserInputsOptions | undefined, settledUntil?: Int32Array) => DictionaryMatch[]

// Object.prototype's keys ("constructor", "__proto__"): zxcvbn-ts reads them off its
// dictionaries' prototype and reports a match in every dictionary. Reproduced, not fixed, so the
// estimate stays the library's.
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype))

type Dictionaries = Pick<MatcherOptions, 'rankedDictionaries' | 'rankedDictionariesMaxWordSize'>

/** The hashes of some words, and of every prefix of them (the words included). */
interface WordHashes {
  readonly words: ReadonlySet<number>
  readonly prefixes: ReadonlySet<number>
}
function wordHashesOf(words: readonly string[]): WordHashes {
  const wordHashes = new Set<number>()
  const prefixes = new Set<number>()
  for (const word of words) {
    // The word's hash, one character at a time: each step is a prefix's.
    let hash = HASH_START
    for (let at = 0; at < word.length; at++) prefixes.add((hash = hashStep(hash, word.charCodeAt(at))))
    wordHashes.add(hash)
  }
  return { words: wordHashes, prefixes }
}

const PROTOTYPE_KEY_HASHES = wordHashesOf([...PROTOTYPE_KEYS])

// A check's user inputs are one object for all of its scans (plain, reversed, each l33t variant).
const USER_WORD_HASHES = Symbol('resetkit user word hashes')
const userWordHashes = (userInputs: UserInputsOptions): WordHashes =>
  keptForCheck(userInputs, USER_WORD_HASHES, () => wordHashesOf(Object.keys(userInputs.rankedDictionary)))

/** False when no word of the index, of the user's inputs or of Object.prototype's keys starts with the span of this hash. */
const mayStartWord = (index: DictionaryIndex, userWords: WordHashes | undefined, hash: number): boolean =>
  index.mayStartWord(hash) || PROTOTYPE_KEY_HASHES.prefixes.has(hash) || userWords?.prefixes.has(hash) === true

function matchDictionary(
  index: DictionaryIndex,
  dictionaries: Dictionaries,
  password: string,
  userInputs: UserInputsOptions | undefined,
  settledUntil?: Int32Array,
): DictionaryMatch[] {
  const matches: DictionaryMatch[] = []
  const passwordLength = password.length
  const passwordLower = password.toLowerCase()
  const maxSearchWidth = Math.max(index.maxWordSize, userInputs?.rankedDictionaryMaxWordSize ?? 0)
  const maxWordSizeOf = (name: string) =>
    (name === 'userInputs' ? userInputs?.rankedDictionaryMaxWordSize : dictionaries.rankedDictionariesMaxWordSize[name]) ?? Infinity
  const userWords = userInputs === undefined ? undefined : userWordHashes(userInputs)
  for (let i = 0; i < passwordLength; i += 1) {
    // The span [i, j]'s hash, extended by one character each step: no substring is made unless
    // it might be a word (in the index, the user's inputs, or Object.prototype's keys).
    let hash = HASH_START
    for (let j = i; j < passwordLength; j += 1) {
      hash = hashStep(hash, passwordLower.charCodeAt(j))
      // Most spans of a password start no word at all; then no longer span from i is one
      // either, the whole password included, so the scan from i can stop here.
      if (!mayStartWord(index, userWords, hash)) break
      const isFullPassword = i === 0 && j === passwordLength - 1
      if (j - i + 1 > maxSearchWidth && !isFullPassword) break
      if (settledUntil !== undefined && j < (settledUntil[i] as number) && !isFullPassword) continue
      const maybePrototypeKey = PROTOTYPE_KEY_HASHES.words.has(hash)
      const maybeUserWord = userWords?.words.has(hash) === true
      const usedPassword = maybePrototypeKey || maybeUserWord ? passwordLower.slice(i, j + 1) : undefined
      const found =
        usedPassword !== undefined && PROTOTYPE_KEYS.has(usedPassword)
          ? prototypeKeyRanks(index, dictionaries, userInputs, usedPassword)
          : withUserInputRank(index.findSpan(passwordLower, i, j - i + 1, hash), usedPassword === undefined ? undefined : userInputs?.rankedDictionary[usedPassword])
      if (found === undefined) continue
      const matchedWord = usedPassword ?? passwordLower.slice(i, j + 1)
      for (const [dictionaryName, rank] of found) {
        // zxcvbn-ts skips a dictionary for spans longer than its longest word, measured before
        // lower-casing: a word that lower-cases longer ('İ' → 'i̇') is found only as the whole password.
        if (j - i + 1 > maxWordSizeOf(dictionaryName) && !isFullPassword) continue
        matches.push({ pattern: 'dictionary', i, j, token: password.slice(i, j + 1), matchedWord, rank, dictionaryName, reversed: false, l33t: false })
      }
    }
  }
  return matches
}

type Ranks = readonly (readonly [name: string, rank: number])[]

// userInputs comes last: zxcvbn-ts adds it to a copy of its dictionaries for each check.
const withUserInputRank = (found: Ranks | undefined, userRank: number | undefined): Ranks | undefined =>
  userRank === undefined ? found : [...(found ?? []), ['userInputs', userRank]]

// The word-length limit per dictionary is applied by the caller, as for every other word.
function prototypeKeyRanks(index: DictionaryIndex, dictionaries: Dictionaries, userInputs: UserInputsOptions | undefined, word: string): Ranks {
  const found: [string, number][] = []
  const visit = (name: string, ranked: Ranked | undefined) => {
    const rank = ranked?.[word]
    if (rank !== undefined) found.push([name, rank])
  }
  for (const name of index.names) visit(name, dictionaries.rankedDictionaries[name])
  if (userInputs !== undefined) visit('userInputs', userInputs.rankedDictionary)
  return found
}

function matchReversed(dictionary: DictionaryMatcher, call: MatchCall): DictionaryMatch[] {
  const passwordReversed = call.password.split('').reverse().join('')
  return dictionary.match({ ...call, password: passwordReversed }).map((match) => ({
    ...match,
    token: match.token.split('').reverse().join(''),
    reversed: true,
    i: call.password.length - 1 - match.j,
    j: call.password.length - 1 - match.i,
  }))
}

function matchL33t(scan: Scan, call: MatchCall, subbedPasswords: readonly PasswordWithSubs[]): L33tMatch[] {
  const matches: L33tMatch[] = []
  const included = new Set<string>()
  let hasFullMatch = false
  const aligned: string[] = []
  for (const subbedPassword of subbedPasswords) {
    if (hasFullMatch) break
    const aligns = isAligned(subbedPassword)
    const settledUntil = aligns ? settledSpanEnds(subbedPassword.password, call.password, aligned) : undefined
    for (const match of scan(subbedPassword.password, call.userInputsOptions, settledUntil)) {
      const { i, j } = unsubbedSpan(subbedPassword.changes, match.i, match.j)
      if (!hasFullMatch) hasFullMatch = i === 0 && j === call.password.length - 1
      const token = call.password.slice(i, j + 1)
      // Only matches that contain an actual substitution, each (span, dictionary, word) once;
      // most are dropped here, so what only a kept match needs is made only for it.
      if (token.toLowerCase() === match.matchedWord) continue
      const key = inclusionKey(i, j, match.dictionaryName, match.matchedWord)
      if (included.has(key)) continue
      included.add(key)
      matches.push({ ...match, l33t: true, token, ...unsubbedExtras(subbedPassword, match.i, match.j) })
    }
    if (aligns) aligned.push(subbedPassword.password)
  }
  // Single characters are dropped: '1' would match 'i', '4' would match 'a'.
  return matches.filter((match) => match.token.length > 1)
}

// The l33t pass looks up every span of every variant (up to l33tMaxSubstitutions of them), yet
// most spans can only give matches the loop above drops: a span whose text is the typed
// password's own fails the "actual substitution" test, and one whose text an earlier variant
// already had gives the same matches again, which the inclusion key drops. Skipping those is
// exact when positions line up (every substitution one character for one, so a span's i and j
// are the same in the password and the variant) and lower-casing is per character (an ASCII
// variant, so an ASCII password: substitutions are ASCII).
const ASCII = /^[\x00-\x7f]*$/

const isAligned = ({ password: variant, changes }: PasswordWithSubs): boolean =>
  ASCII.test(variant) && changes.every((change) => change.letter.length === 1 && change.substitution.length === 1)

/** For each i, the first j from which span [i, j] of `variant` is text neither `password` nor an earlier variant had there. */
function settledSpanEnds(variant: string, password: string, earlier: readonly string[]): Int32Array {
  const length = variant.length
  const ends = new Int32Array(length)
  let nextDifference = length
  for (let i = length - 1; i >= 0; i -= 1) {
    if (variant[i] !== password[i]) nextDifference = i
    ends[i] = nextDifference
  }
  for (const other of earlier) {
    nextDifference = length
    for (let i = length - 1; i >= 0; i -= 1) {
      if (variant[i] !== other[i]) nextDifference = i
      if (nextDifference > (ends[i] as number)) ends[i] = nextDifference
    }
  }
  return ends
}

// zxcvbn-ts scans the list for an equal match (quadratic in the matches, which l33t-dense input
// makes many); one key per match says the same, since i and j are numbers and no dictionary
// name holds a NUL (checked on install).
const inclusionKey = (i: number, j: number, dictionaryName: string, matchedWord: string): string => `${i}\u0000${j}\u0000${dictionaryName}\u0000${matchedWord}`

// A match in the substituted password on the password as typed, with the substitutions inside it.
function unsubbedExtras(passwordWithSubs: PasswordWithSubs, i: number, j: number) {
  const subs: { letter: string; substitution: string }[] = []
  const subDisplay: string[] = []
  const seenSubs = new Set<string>()
  for (const change of passwordWithSubs.changes) {
    if (change.i >= i && change.i <= j) {
      const subKey = `${change.letter}-${change.substitution}`
      if (!seenSubs.has(subKey)) {
        seenSubs.add(subKey)
        subs.push({ letter: change.letter, substitution: change.substitution })
        subDisplay.push(`${change.substitution} -> ${change.letter}`)
      }
    }
  }
  return { ...unsubbedSpan(passwordWithSubs.changes, i, j), subs, subDisplay: subDisplay.join(', ') }
}

// The span [i, j] of a variant on the password as typed: each substitution before it moves both
// ends, each inside it the end, by the difference in length.
function unsubbedSpan(changes: readonly PasswordChange[], i: number, j: number): { i: number; j: number } {
  let iUnsubbed = i
  let jUnsubbed = j
  for (const change of changes) {
    const diff = change.substitution.length - change.letter.length
    if (change.i < i) {
      iUnsubbed += diff
      jUnsubbed += diff
    } else if (change.i <= j) jUnsubbed += diff
  }
  return { i: iUnsubbed, j: jUnsubbed }
}
