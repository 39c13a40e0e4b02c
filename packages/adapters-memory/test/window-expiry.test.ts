import { describe, expect, it } from 'vitest'
import { createMemoryWindowBudget } from '../src/index.js'

const HOUR = 3_600_000
const T0 = Date.UTC(2026, 0, 1)

describe('memory window budget', () => {
  it('send and guess windows are dropped once their last entry leaves: memory follows the last hour’s identifiers, not every one ever seen', async () => {
    const budget = createMemoryWindowBudget()
    const distinct = 20_000
    for (let i = 0; i < distinct; i++) {
      const key = `email:user${i}@example.com`
      await budget.reserve({ now: T0 + i, windows: [{ key: `inbox:${key}`, cooldownMs: 0, maxPerWindow: 10, windowMs: HOUR }] })
      await budget.reserve({ now: T0 + i, windows: [{ key: `guess:${key}`, cooldownMs: 0, maxPerWindow: 10, windowMs: HOUR }] })
    }
    expect(budget.size()).toBe(2 * distinct)
    // Two hours later, with no traffic in between, the next request sweeps the lot.
    await budget.reserve({ now: T0 + 2 * HOUR, windows: [{ key: 'guess:email:late@example.com', cooldownMs: 0, maxPerWindow: 10, windowMs: HOUR }] })
    expect(budget.size()).toBe(1)
  })

  it('a window still holding a live entry is kept, and still counts', async () => {
    const budget = createMemoryWindowBudget()
    const alice = [{ key: 'guess:email:alice@example.com', cooldownMs: 0, maxPerWindow: 2, windowMs: HOUR }]
    await budget.reserve({ now: T0, windows: alice })
    await budget.reserve({ now: T0 + HOUR / 2, windows: alice })
    for (let i = 0; i < 300; i++) await budget.reserve({ now: T0 + HOUR / 2 + 1, windows: [{ key: `guess:email:other${i}@example.com`, cooldownMs: 0, maxPerWindow: 2, windowMs: HOUR }] })
    expect((await budget.reserve({ now: T0 + HOUR / 2 + 2, windows: alice })).allowed).toBe(false)
    expect((await budget.reserve({ now: T0 + HOUR + 1, windows: alice })).allowed).toBe(true)
  })
})

describe('memory window budget: order and long windows', () => {
  it('refuses a send stamped before the window\'s latest entry (the caller\'s clock went back), with the wait until it catches up, as Redis does: so entries stay in time order', async () => {
    const budget = createMemoryWindowBudget()
    const MINUTE = 60_000
    const cap = [{ key: 'global:email', cooldownMs: 0, maxPerWindow: 5, windowMs: 10 * MINUTE }]
    expect((await budget.reserve({ now: T0 + 5 * MINUTE, windows: cap })).allowed).toBe(true)
    expect(await budget.reserve({ now: T0, windows: cap })).toEqual({ allowed: false, retryAfterMs: 5 * MINUTE, window: 'global:email' })
    expect((await budget.reserve({ now: T0 + 5 * MINUTE, windows: cap })).allowed).toBe(true)
  })

  it('a long window rolling on keeps counting exactly, through many compactions', async () => {
    const budget = createMemoryWindowBudget()
    const cap = [{ key: 'global:phone_number', cooldownMs: 0, maxPerWindow: 1000, windowMs: 1000 }]
    // One entry a millisecond into a window of a second: once full, each new millisecond frees one.
    for (let ms = 0; ms < 1000; ms++) expect((await budget.reserve({ now: T0 + ms, windows: cap })).allowed).toBe(true)
    for (let ms = 1000; ms < 5000; ms++) {
      expect(await budget.reserve({ now: T0 + ms, windows: cap })).toMatchObject({ allowed: true })
      expect(await budget.reserve({ now: T0 + ms, windows: cap })).toEqual({ allowed: false, retryAfterMs: 1, window: 'global:phone_number' })
    }
  })
})
