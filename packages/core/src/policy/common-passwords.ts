import type { PolicyViolation } from './rule.js'

import { fold } from './rule.js'
import { packWords } from './packed-words.js'

/** The words, or a loader the rule calls once, when the policy is created. */
export type CommonPasswordSource = readonly string[] | (() => Promise<readonly string[]>)

export interface CommonPasswordOptions {
  /**
   * The list: `commonPasswordList` from `@resetkit/adapters-node/zxcvbn` gives the ~49,000 that
   * zxcvbn-ts ships (NIST's "commonly used" passwords), or pass your own.
   */
  readonly list: CommonPasswordSource
  /** Your own words (product names, last year's breach…), added to the list. */
  readonly extraWords?: readonly string[]
}

/**
 * NIST SP 800-63B's blocklist: refuses a password that *is* a commonly used one, compared
 * NFKC-normalised and case-folded, by binary search in the packed list (~16 steps for 49,000
 * words). The list loads when the rule is created, not at import and not on a request.
 */
export function createCommonPasswordRule(options: CommonPasswordOptions): (password: string) => Promise<PolicyViolation[]> {
  const words = (async () => {
    const list = typeof options.list === 'function' ? await options.list() : options.list
    return packWords([...list, ...(options.extraWords ?? [])].map(fold))
  })()
  // A rejected load must not become an unhandled rejection before the first check awaits it.
  words.catch(() => undefined)
  return async (password) => {
    if (!(await words).has(fold(password))) return []
    return [{ rule: 'common_password', params: {}, message: 'Is one of the most common passwords.' }]
  }
}
