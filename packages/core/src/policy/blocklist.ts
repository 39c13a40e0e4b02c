import type { PolicyViolation } from './rule.js'

import { fold } from './rule.js'

/** Refuses passwords containing any of `words`, compared NFKC-normalised and case-folded. */
export function createBlocklist(words: readonly string[]): (password: string) => PolicyViolation[] {
  const folded = [...new Set(words.map(fold).filter((word) => word.length > 0))]
  return (password) => {
    const candidate = fold(password)
    const word = folded.find((blocked) => candidate.includes(blocked))
    if (word === undefined) return []
    return [{ rule: 'blocklisted_word', params: { word }, message: `Must not contain "${word}".` }]
  }
}
