import type { PolicyViolation } from './rule.js'

import { fold } from './rule.js'

export interface CommonPasswordOptions {
  /** Your own words (product names, last year's breach…), added to the built-in list. */
  readonly extraWords?: readonly string[]
  /** The ~49,000 common passwords @zxcvbn-ts/language-common ships; default true. */
  readonly builtInList?: boolean
}

async function builtInWords(): Promise<readonly string[]> {
  const { dictionary } = await import('@zxcvbn-ts/language-common')
  return dictionary['passwords-common']
}

/**
 * NIST SP 800-63B's blocklist: refuses a password that *is* a commonly used one, compared
 * NFKC-normalised and case-folded, in O(1). The list loads (~50 ms) when the rule is created, not
 * at import and not on a request.
 */
export function createCommonPasswordRule(options: CommonPasswordOptions = {}): (password: string) => Promise<PolicyViolation[]> {
  const words = (async () => {
    const builtIn = options.builtInList === false ? [] : await builtInWords()
    return new Set([...builtIn, ...(options.extraWords ?? [])].map(fold))
  })()
  // A rejected load must not become an unhandled rejection before the first check awaits it.
  words.catch(() => undefined)
  return async (password) => {
    if (!(await words).has(fold(password))) return []
    return [{ rule: 'common_password', params: {}, message: 'Is one of the most common passwords.' }]
  }
}
