import { beforeEach, describe, expect, it } from 'vitest'
import type { OtpRecord, OtpStore } from '@resetkit/core'

export interface OtpStoreContractOptions {
  readonly name: string
  /** A fresh, empty store for each test. */
  readonly make: () => OtpStore | Promise<OtpStore>
  /**
   * Whose clock the send and guess windows run on. `caller` (default): the `now` passed in, so
   * the window tests travel through simulated hours. `server`: the store's backing server's own
   * (Redis `TIME`) and `now` is ignored; the window tests then run in real time on a minute
   * scaled down to 100 ms, and allow for the scheduler's lateness.
   */
  readonly windowClock?: 'caller' | 'server'
}

interface Timeline {
  /** The `now` to pass at `minutes` into the test, waiting for it in real time if need be. */
  at(minutes: number): Promise<number>
  /** Checks a refusal's wait against the one expected at that point, in minutes. */
  expectWait(outcome: { readonly allowed: boolean; readonly retryAfterMs?: number }, minutes: number): void
  readonly minute: number
}

function timelineFor(clock: 'caller' | 'server'): Timeline {
  if (clock === 'caller') {
    return {
      minute: MINUTE,
      at: async (minutes) => T0 + minutes * MINUTE,
      expectWait: (outcome, minutes) => expect(outcome).toMatchObject({ allowed: false, retryAfterMs: minutes * MINUTE }),
    }
  }
  const minute = 100
  const start = Date.now()
  return {
    minute,
    at: async (minutes) => {
      const wait = start + minutes * minute - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      return Date.now()
    },
    // Real time runs on past the planned instant, so the wait left can only be shorter.
    expectWait: (outcome, minutes) => {
      expect(outcome.allowed).toBe(false)
      expect(outcome.retryAfterMs).toBeLessThanOrEqual(minutes * minute)
      expect(outcome.retryAfterMs).toBeGreaterThan(minutes * minute - minute)
    },
  }
}

const T0 = Date.UTC(2026, 0, 1)
const MINUTE = 60_000

const record = (overrides: Partial<OtpRecord> = {}): OtpRecord => ({
  tokenId: 'token-a',
  clientId: 'client-1',
  usage: 'reset_password',
  identifier: { channel: 'email', value: 'alice@example.com' },
  codeHash: 'code-hash',
  issuedAt: T0,
  expiresAt: T0 + 5 * MINUTE,
  attempts: 0,
  consumed: false,
  ...overrides,
})

const parallel = <T>(count: number, run: () => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: count }, run))

/**
 * The behaviour every `OtpStore` must have, including the security properties that only hold
 * if the store is atomic: single use, exact attempt counting and send limits under concurrency.
 *
 * @example
 * describeOtpStoreContract({ name: 'memory', make: createMemoryOtpStore })
 */
export function describeOtpStoreContract({ name, make, windowClock = 'caller' }: OtpStoreContractOptions): void {
  describe(`OtpStore contract: ${name}`, () => {
    let store: OtpStore
    beforeEach(async () => {
      store = await make()
    })

    it('finds an issued record by token id, and nothing for an unknown one', async () => {
      await store.issue(record())
      expect(await store.findByTokenId('token-a')).toEqual(record())
      expect(await store.findByTokenId('token-unknown')).toBeNull()
    })

    it('a new code for the same client, usage and identifier retires the old token', async () => {
      await store.issue(record())
      await store.issue(record({ tokenId: 'token-b' }))
      expect(await store.findByTokenId('token-a')).toBeNull()
      expect((await store.findByTokenId('token-b'))?.tokenId).toBe('token-b')
    })

    it('codes for another client, usage or identifier stay live side by side', async () => {
      await store.issue(record())
      await store.issue(record({ tokenId: 'token-client', clientId: 'client-2' }))
      await store.issue(record({ tokenId: 'token-usage', usage: 'login' }))
      await store.issue(record({ tokenId: 'token-phone', identifier: { channel: 'phone_number', value: '+8613800000001' } }))
      for (const id of ['token-a', 'token-client', 'token-usage', 'token-phone']) {
        expect(await store.findByTokenId(id)).not.toBeNull()
      }
    })

    it('attempts are reserved up to the limit, and a refund gives one back', async () => {
      await store.issue(record())
      expect(await store.reserveAttempt('token-a', 2)).toBe(true)
      expect(await store.reserveAttempt('token-a', 2)).toBe(true)
      expect(await store.reserveAttempt('token-a', 2)).toBe(false)
      expect((await store.findByTokenId('token-a'))?.attempts).toBe(2)
      await store.refundAttempt('token-a')
      expect(await store.reserveAttempt('token-a', 2)).toBe(true)
    })

    it('50 parallel attempts are counted exactly, and never past the limit', async () => {
      await store.issue(record())
      await store.issue(record({ tokenId: 'token-b', clientId: 'client-2' }))
      const unlimited = await parallel(50, () => store.reserveAttempt('token-a', 1000))
      expect(unlimited.every(Boolean)).toBe(true)
      expect((await store.findByTokenId('token-a'))?.attempts).toBe(50)
      const limited = await parallel(50, () => store.reserveAttempt('token-b', 5))
      expect(limited.filter(Boolean)).toHaveLength(5)
      expect((await store.findByTokenId('token-b'))?.attempts).toBe(5)
    })

    it('a token is consumed once; release makes it usable again', async () => {
      await store.issue(record())
      expect(await store.consume('token-a', T0 + MINUTE)).toBe(true)
      expect(await store.consume('token-a', T0 + MINUTE)).toBe(false)
      expect((await store.findByTokenId('token-a'))?.consumed).toBe(true)
      await store.release('token-a')
      expect(await store.consume('token-a', T0 + MINUTE)).toBe(true)
    })

    it('of 50 parallel consumes of one token, exactly one wins', async () => {
      await store.issue(record())
      const won = await parallel(50, () => store.consume('token-a', T0 + MINUTE))
      expect(won.filter(Boolean)).toHaveLength(1)
    })

    it('an expired or unknown token cannot be consumed or counted', async () => {
      await store.issue(record())
      expect(await store.consume('token-a', T0 + 5 * MINUTE)).toBe(false)
      expect(await store.consume('token-unknown', T0)).toBe(false)
      expect(await store.reserveAttempt('token-unknown', 5)).toBe(false)
      await expect(store.release('token-unknown')).resolves.toBeUndefined()
      await expect(store.refundAttempt('token-unknown')).resolves.toBeUndefined()
    })

    // Send windows and guess budgets, in minutes of the store's clock (see `windowClock`).
    const window = (t: Timeline, key: string, cooldown: number, max: number, length: number) => ({
      key,
      cooldownMs: cooldown * t.minute,
      maxPerWindow: max,
      windowMs: length * t.minute,
    })

    it('a send within the cooldown is refused with the time left to wait, and names the window', async () => {
      const t = timelineFor(windowClock)
      const k = window(t, 'k', 1, 3, 10)
      expect(await store.reserveSend({ now: await t.at(0), windows: [k] })).toEqual({ allowed: true })
      const refused = await store.reserveSend({ now: await t.at(0.25), windows: [k] })
      t.expectWait(refused, 0.75)
      expect(refused).toMatchObject({ window: 'k' })
      expect(await store.reserveSend({ now: await t.at(0.25), windows: [window(t, 'other', 1, 3, 10)] })).toEqual({ allowed: true })
    })

    it('sends are capped per rolling window, and the window moves on', async () => {
      const t = timelineFor(windowClock)
      const k = window(t, 'k', 1, 3, 10)
      for (const minute of [0, 2, 4]) expect((await store.reserveSend({ now: await t.at(minute), windows: [k] })).allowed).toBe(true)
      t.expectWait(await store.reserveSend({ now: await t.at(6), windows: [k] }), 4)
      expect((await store.reserveSend({ now: await t.at(10.5), windows: [k] })).allowed).toBe(true)
    })

    it('a send is counted in all of its windows or in none: one window refusing leaves the others untouched', async () => {
      const t = timelineFor(windowClock)
      const now = await t.at(0)
      const inbox = window(t, 'inbox', 0, 2, 10)
      expect((await store.reserveSend({ now, windows: [window(t, 'flow-a', 1, 10, 10), inbox] })).allowed).toBe(true)
      expect((await store.reserveSend({ now, windows: [window(t, 'flow-b', 1, 10, 10), inbox] })).allowed).toBe(true)
      expect(await store.reserveSend({ now, windows: [window(t, 'flow-c', 1, 10, 10), inbox] })).toMatchObject({ allowed: false, window: 'inbox' })
      // Had flow-c counted the refused send, its cooldown would refuse this one.
      expect((await store.reserveSend({ now, windows: [window(t, 'flow-c', 1, 10, 10), window(t, 'inbox-2', 0, 2, 10)] })).allowed).toBe(true)
    })

    it('guesses are taken from a per-key window budget, given back by refund, and the window moves on', async () => {
      const t = timelineFor(windowClock)
      const budget = { maxPerWindow: 3, windowMs: 10 * t.minute }
      const taken = []
      for (const minute of [0, 1, 2]) taken.push(await store.reserveGuess({ key: 'g', now: await t.at(minute), ...budget }))
      expect(taken.every((outcome) => outcome.allowed)).toBe(true)
      t.expectWait(await store.reserveGuess({ key: 'g', now: await t.at(3), ...budget }), 7)
      expect((await store.reserveGuess({ key: 'other', now: await t.at(3), ...budget })).allowed).toBe(true)
      const last = taken[2]
      if (last?.allowed === true) await store.refundGuess('g', last.id)
      expect((await store.reserveGuess({ key: 'g', now: await t.at(3.5), ...budget })).allowed).toBe(true)
      expect((await store.reserveGuess({ key: 'g', now: await t.at(10.5), ...budget })).allowed).toBe(true)
    })

    it('of 50 parallel guesses under a budget of 10, exactly 10 are allowed', async () => {
      const outcomes = await parallel(50, () => store.reserveGuess({ key: 'g', now: T0, maxPerWindow: 10, windowMs: 60 * MINUTE }))
      expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(10)
    })

    it('of 50 parallel sends under a cap of 5 (in one window, or the tighter of two), exactly 5 are allowed', async () => {
      const cap = (key: string, max: number) => ({ key, cooldownMs: 0, maxPerWindow: max, windowMs: 60 * MINUTE })
      const one = await parallel(50, () => store.reserveSend({ now: T0, windows: [cap('k', 5)] }))
      expect(one.filter((outcome) => outcome.allowed)).toHaveLength(5)
      const two = await parallel(50, () => store.reserveSend({ now: T0, windows: [cap('wide', 20), cap('narrow', 5)] }))
      expect(two.filter((outcome) => outcome.allowed)).toHaveLength(5)
    })
  })
}
