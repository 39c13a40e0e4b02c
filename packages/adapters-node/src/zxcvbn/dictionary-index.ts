// Every word of a set of ranked dictionaries in one Map, so a substring costs one lookup rather
// than one property read per dictionary (zxcvbn-ts's objects of up to 89,000 keys each send
// V8 into its slow runtime path on every read).

type Ranked = Readonly<Record<string, number>>

export interface DictionaryIndex {
  /** Dictionary names in the order zxcvbn-ts visits them (its object's key order). */
  readonly names: readonly string[]
  /** The longest word in any of them: no longer substring can match. */
  readonly maxWordSize: number
  /** Each dictionary holding `word`, with the word's rank there, in `names` order. */
  find(word: string): readonly (readonly [name: string, rank: number])[] | undefined
}

/**
 * Most words sit in one dictionary: their entry is one number, `rank × names + index`. A word
 * in several gets a list of such numbers. One Map, so a miss (nearly every substring) is one read.
 */
export function createDictionaryIndex(
  dictionaries: Readonly<Record<string, Ranked>>,
  maxWordSizes: Readonly<Record<string, number>>,
  names: readonly string[],
): DictionaryIndex {
  const width = names.length
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
  const decode = (code: number) => [names[code % width] as string, Math.floor(code / width)] as const
  return {
    names,
    maxWordSize: Math.max(0, ...names.map((name) => maxWordSizes[name] ?? 0)),
    find(word) {
      const entry = entries.get(word)
      if (entry === undefined) return undefined
      return typeof entry === 'number' ? [decode(entry)] : entry.map(decode)
    },
  }
}
