import { describe, expect, it } from 'vitest'
import { loadZxcvbn } from '../src/zxcvbn/estimator.js'

describe('the fast matchers’ memory', () => {
  it('leave zxcvbn-ts’s ranked dictionaries holding only the words that are also Object.prototype keys (the index has the rest)', async () => {
    const { zxcvbn, fastMatchers } = await loadZxcvbn({})
    expect(fastMatchers).toBe(true)
    const ranked = (zxcvbn as unknown as { options: { rankedDictionaries: Record<string, object> } }).options.rankedDictionaries
    const prototypeKeys = new Set(Object.getOwnPropertyNames(Object.prototype))
    const left = Object.values(ranked).flatMap((dictionary) => Object.keys(dictionary))
    expect(left.every((word) => prototypeKeys.has(word))).toBe(true)
    // And the checks still see every word: a common password scores 0, a passphrase high.
    expect(zxcvbn.check('password', []).score).toBe(0)
    expect(zxcvbn.check('Violet-Staircase-Orbit-42', []).score).toBeGreaterThanOrEqual(3)
  })
})
