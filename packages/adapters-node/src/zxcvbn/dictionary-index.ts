// Every word of a set of ranked dictionaries in one packed hash table, so a substring costs one
// lookup rather than one property read per dictionary (zxcvbn-ts's objects of up to 89,000 keys
// each send V8 into its slow runtime path on every read). Packed, not a Map of 236,000 strings:
// the words are one string and the table is typed arrays, ~7 MiB in all against ~20 MiB, and
// nothing in it is a JS object the garbage collector has to walk. Beside it, a filter of the
// words' prefixes (0.5 MiB) lets a scan stop at the first span that begins no word.

type Ranked = Readonly<Record<string, number>>

export interface DictionaryIndex {
  /** Dictionary names in the order zxcvbn-ts visits them (its object's key order). */
  readonly names: readonly string[]
  /** The longest word in any of them: no longer substring can match. */
  readonly maxWordSize: number
  /**
   * Each dictionary holding the word `source.slice(start, start + length)`, with the word's rank
   * there, in `names` order; given that span's `hashOf`, so the string need not be made.
   */
  findSpan(source: string, start: number, length: number, hash: number): readonly (readonly [name: string, rank: number])[] | undefined
  /**
   * False when no word starts with the span of this `hashOf` (so neither that span nor any
   * longer one from the same start is a word); true when one may. Never false for a word's
   * prefix, the word itself included; true for ~10 % of other spans (a one-hash filter).
   */
  mayStartWord(hash: number): boolean
}

// FNV-1a over UTF-16 code units: cheap, spreads the dictionaries' words well (the table is at
// most half full, so a lookup probes ~1.5 slots), and can be extended one character at a time,
// so a scan over every substring of a password hashes each span in one step from the last.
export const HASH_START = 0x811c9dc5
export const hashStep = (hash: number, code: number): number => Math.imul(hash ^ code, 0x01000193)

export function hashOf(word: string): number {
  let hash = HASH_START
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i))
  return hash
}

/**
 * Each distinct word is a slice of one string (`starts`), found through an open-addressing
 * table (`slots`) of word numbers + 1 (0: empty slot). Its entry (`codes`) is `rank × names +
 * index` for a word in one dictionary, or, negated, the position in `lists` of a count and then
 * one such code per dictionary holding it, in `names` order. Plain data: it crosses threads (the
 * typed arrays by transfer), so the thread that builds it can end and take its garbage along.
 */
export interface PackedDictionaryIndex {
  readonly names: readonly string[]
  readonly maxWordSize: number
  readonly text: string
  /** Word w is text.slice(starts[w], starts[w + 1]). */
  readonly starts: Uint32Array
  readonly codes: Int32Array
  readonly lists: Int32Array
  readonly slots: Int32Array
  /** One bit per value of a hash's top bits, set for the hash of every prefix of every word. */
  readonly prefixBits: Int32Array
}

/** The buffers a packed index can hand to another thread without copying. */
export const transferablesOf = (packed: PackedDictionaryIndex): ArrayBuffer[] =>
  [packed.starts, packed.codes, packed.lists, packed.slots, packed.prefixBits].map((array) => array.buffer as ArrayBuffer)

// The prefix filter is read by a hash's top bits: FNV-1a's last multiply mixes upwards, and the
// table of words already takes the low ones.
const prefixShiftFor = (prefixBits: Int32Array): number => 32 - Math.log2(prefixBits.length * 32)
const prefixBitOf = (prefixBits: Int32Array, shift: number, hash: number): number => ((prefixBits[hash >>> shift >>> 5] as number) >>> ((hash >>> shift) & 31)) & 1

export function openDictionaryIndex({ names, maxWordSize, text, starts, codes, lists, slots, prefixBits }: PackedDictionaryIndex): DictionaryIndex {
  const width = names.length
  const mask = slots.length - 1
  const decode = (code: number) => [names[code % width] as string, Math.floor(code / width)] as const
  const sameSpan = (wordStart: number, source: string, start: number, length: number): boolean => {
    for (let k = 0; k < length; k++) if (text.charCodeAt(wordStart + k) !== source.charCodeAt(start + k)) return false
    return true
  }
  const wordAt = (source: string, start: number, length: number, hash: number): number => {
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number
      if (entry === 0) return -1
      const wordStart = starts[entry - 1] as number
      if ((starts[entry] as number) - wordStart === length && sameSpan(wordStart, source, start, length)) return entry - 1
    }
  }
  const ranksOf = (found: number) => {
    if (found < 0) return undefined
    const code = codes[found] as number
    if (code >= 0) return [decode(code)]
    const at = -code - 1
    return Array.from(lists.subarray(at + 1, at + 1 + (lists[at] as number)), decode)
  }
  const prefixShift = prefixShiftFor(prefixBits)
  return {
    names,
    maxWordSize,
    findSpan: (source, start, length, hash) => ranksOf(wordAt(source, start, length, hash)),
    mayStartWord: (hash) => prefixBitOf(prefixBits, prefixShift, hash) === 1,
  }
}

/** A power of two at least twice the number of words, so the table stays at most half full. */
const tableSizeFor = (words: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, words * 2)))

export function packDictionaryIndex(
  dictionaries: Readonly<Record<string, Ranked>>,
  maxWordSizes: Readonly<Record<string, number>>,
  names: readonly string[],
): PackedDictionaryIndex {
  const width = names.length
  // Transient, dropped on return: a word's code, or every code of a word in several dictionaries.
  const entries = new Map<string, number | number[]>()
  names.forEach((name, position) => {
    for (const [word, rank] of Object.entries(dictionaries[name] ?? {})) {
      const code = rank * width + position
      const entry = entries.get(word)
      if (entry === undefined) entries.set(word, code)
      else if (typeof entry === 'number') entries.set(word, [entry, code])
      else entry.push(code)
    }
  })
  const starts = new Uint32Array(entries.size + 1)
  const codes = new Int32Array(entries.size)
  const listed: number[] = []
  const pieces: string[] = []
  let word = 0
  let length = 0
  for (const [text, entry] of entries) {
    starts[word] = length
    length += text.length
    pieces.push(text)
    if (typeof entry === 'number') codes[word] = entry
    else {
      codes[word] = -(listed.length + 1)
      listed.push(entry.length, ...entry)
    }
    word++
  }
  starts[word] = length
  // One flat string: joining many small ones gives a rope that V8 flattens on the first read.
  const text = flatten(pieces.join(''))
  const mask = tableSizeFor(codes.length) - 1
  const slots = new Int32Array(mask + 1)
  // The prefix filter: two bits per character of the words, and a word has no more distinct
  // prefixes than characters, so at most half the bits are set. For zxcvbn's dictionaries
  // (1.3 million characters, 431,000 distinct prefixes: 512 KiB) one in ten is, so ~10 % of
  // spans that start no word still read as "may".
  const prefixBits = new Int32Array(Math.max(32, tableSizeFor(text.length)) / 32)
  const prefixShift = prefixShiftFor(prefixBits)
  for (let word = 0; word < codes.length; word++) {
    // The word's hash, one character at a time as a scan builds it: each step is a prefix's.
    let hash = HASH_START
    for (let at = starts[word] as number; at < (starts[word + 1] as number); at++) {
      hash = hashStep(hash, text.charCodeAt(at))
      const bit = hash >>> prefixShift
      prefixBits[bit >>> 5] = (prefixBits[bit >>> 5] as number) | (1 << (bit & 31))
    }
    let slot = hash & mask
    while (slots[slot] !== 0) slot = (slot + 1) & mask
    slots[slot] = word + 1
  }
  const maxWordSize = Math.max(0, ...names.map((name) => maxWordSizes[name] ?? 0))
  return { names, maxWordSize, text, starts, codes, lists: Int32Array.from(listed), slots, prefixBits }
}

// Reading one character makes V8 flatten the rope into a single sequential string, once, here.
function flatten(text: string): string {
  void text.charCodeAt(text.length - 1)
  return text
}
