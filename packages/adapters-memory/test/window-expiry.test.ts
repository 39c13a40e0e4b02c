import { describe, expect, it } from 'vitest'
import { createMemoryOtpStore } from '../src/index.js'

const HOUR = 3_600_000
const T0 = Date.UTC(2026, 0, 1)

describe('memory OTP store windows', () => {
  it('send and guess windows are dropped once their last entry leaves: memory follows the last hour’s identifiers, not every one ever seen', async () => {
    const store = createMemoryOtpStore()
    const distinct = 20_000
    for (let i = 0; i < distinct; i++) {
      const key = `email:user${i}@example.com`
      await store.reserveSend({ now: T0 + i, windows: [{ key: `inbox:${key}`, cooldownMs: 0, maxPerWindow: 10, windowMs: HOUR }] })
      await store.reserveGuess({ key, now: T0 + i, maxPerWindow: 10, windowMs: HOUR })
    }
    expect(store.windowCount()).toBe(2 * distinct)
    // Two hours later, with no traffic in between, the next request sweeps the lot.
    await store.reserveGuess({ key: 'email:late@example.com', now: T0 + 2 * HOUR, maxPerWindow: 10, windowMs: HOUR })
    expect(store.windowCount()).toBe(1)
  })

  it('a window still holding a live entry is kept, and still counts', async () => {
    const store = createMemoryOtpStore()
    const budget = { key: 'email:alice@example.com', maxPerWindow: 2, windowMs: HOUR }
    await store.reserveGuess({ ...budget, now: T0 })
    await store.reserveGuess({ ...budget, now: T0 + HOUR / 2 })
    for (let i = 0; i < 300; i++) await store.reserveGuess({ key: `email:other${i}@example.com`, now: T0 + HOUR / 2 + 1, maxPerWindow: 2, windowMs: HOUR })
    expect((await store.reserveGuess({ ...budget, now: T0 + HOUR / 2 + 2 })).allowed).toBe(false)
    expect((await store.reserveGuess({ ...budget, now: T0 + HOUR + 1 })).allowed).toBe(true)
  })
})
