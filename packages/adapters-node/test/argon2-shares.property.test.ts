import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sharesOf } from '../src/argon2-shares.js'

describe('a hashAndCompare cut into tasks', () => {
  it('keeps every comparison once, in order, in at most one task per thread, with the runs (the hash in the last task) within one of each other', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 24 }), fc.integer({ min: 1, max: 8 }), (compare, threads) => {
        const shares = sharesOf(compare, threads)
        expect(shares.flat()).toEqual(compare)
        expect(shares.length).toBe(Math.min(threads, compare.length + 1))
        const runs = shares.map((share, i) => share.length + (i === shares.length - 1 ? 1 : 0))
        expect(Math.max(...runs) - Math.min(...runs)).toBeLessThanOrEqual(1)
      }),
    )
  })

  it("cuts a reset at N = 5 on two threads into 3 comparisons and 2 + the hash", () => {
    expect(sharesOf(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b', 'c'], ['d', 'e']])
    expect(sharesOf([], 2)).toEqual([[]])
  })
})
