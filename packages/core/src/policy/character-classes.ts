import type { PolicyViolation } from './rule.js'

export type CharacterClass = 'lower' | 'upper' | 'digit' | 'symbol'

const CLASS_PATTERNS: Record<CharacterClass, RegExp> = {
  lower: /\p{Ll}/u,
  upper: /\p{Lu}/u,
  digit: /\p{Nd}/u,
  // Anything that is neither a letter nor a number: punctuation, symbols, spaces.
  symbol: /[^\p{L}\p{N}]/u,
}

export const ALL_CHARACTER_CLASSES: readonly CharacterClass[] = ['lower', 'upper', 'digit', 'symbol']

export function characterClassesPresent(password: string): CharacterClass[] {
  return ALL_CHARACTER_CLASSES.filter((name) => CLASS_PATTERNS[name].test(password))
}

/** "At least `required` of lower/upper/digit/symbol". */
export function characterClassViolations(password: string, required: number): PolicyViolation[] {
  const present = characterClassesPresent(password).length
  if (present >= required) return []
  return [
    {
      rule: 'character_classes',
      params: { required },
      message: `Must mix at least ${required} of: lower-case letters, upper-case letters, digits, symbols.`,
    },
  ]
}
