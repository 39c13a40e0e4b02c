import { describe, expect, it } from 'vitest'
import { loadZxcvbn, loadZxcvbnPreparedBy, prepareFastMatchers } from '../src/zxcvbn/estimator.js'

type Internals = { options: { rankedDictionaries: Record<string, object>; dictionary: object } }
const prototypeKeys = new Set(Object.getOwnPropertyNames(Object.prototype))
const SAMPLES = ['password', 'Violet-Staircase-Orbit-42', 'C0ff334nn0yin9', 'correct horse battery staple', 'Tr0ub4dor&3', 'drowssap', 'january-february']

describe('the fast matchers’ memory', () => {
  it('leave zxcvbn-ts’s ranked dictionaries holding only the words that are also Object.prototype keys, and no word lists (the index has the rest)', async () => {
    const { zxcvbn, fastMatchers } = await loadZxcvbn({})
    expect(fastMatchers).toBe(true)
    const { rankedDictionaries, dictionary } = (zxcvbn as unknown as Internals).options
    const left = Object.values(rankedDictionaries).flatMap((ranked) => Object.keys(ranked))
    expect(left.every((word) => prototypeKeys.has(word))).toBe(true)
    expect(dictionary).toEqual({})
    // And the checks still see every word: a common password scores 0, a passphrase high.
    expect(zxcvbn.check('password', []).score).toBe(0)
    expect(zxcvbn.check('Violet-Staircase-Orbit-42', []).score).toBeGreaterThanOrEqual(3)
  })

  it('what the loader thread prepares survives the trip to another thread: the same result as the library, match for match', async () => {
    const [stock, local] = await Promise.all([loadZxcvbn({}, { fastMatchers: false }), loadZxcvbn({})])
    // structuredClone is what postMessage does to it; the index's buffers are transferred as well.
    const crossed = await loadZxcvbnPreparedBy(async (options) => {
      const prepared = await prepareFastMatchers(options)
      if (prepared.kind !== 'fast') throw new Error(`no fast matchers: ${prepared.kind}`)
      const { starts, codes, lists, slots } = prepared.data.plain
      return structuredClone(prepared, { transfer: [starts.buffer, codes.buffer, lists.buffer, slots.buffer] })
    }, {})
    expect(crossed.fastMatchers).toBe(true)
    for (const password of SAMPLES) {
      const expected = stock.zxcvbn.check(password, ['alice'])
      expect(crossed.zxcvbn.check(password, ['alice']).sequence).toEqual(expected.sequence)
      expect(local.zxcvbn.check(password, ['alice']).score).toBe(expected.score)
    }
  })
})
