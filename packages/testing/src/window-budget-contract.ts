import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import type { BudgetWindow, WindowBudget, WindowOutcome } from '@resetkit/core'

export interface WindowBudgetContractOptions {
  readonly name: string
  /** A fresh, empty budget for each test. */
  readonly make: () => WindowBudget | Promise<WindowBudget>
  /**
   * Whose clock the windows run on. `caller` (default): the `now` passed in, so the tests
   * travel through simulated hours. `server`: the backing server's own (Redis `TIME`) and `now`
   * is ignored; the tests then run in real time on a minute scaled down to 100 ms, and allow for
   * the scheduler's lateness.
   */
  readonly windowClock?: 'caller' | 'server'
}

const T0 = Date.UTC(2026, 0, 1)
const MINUTE = 60_000

const parallel = <T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: count }, (_, i) => run(i)))

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
    // Real time runs on past each planned instant: the entries a wait is measured from may land
    // a little late (a round trip, a busy scheduler), the refusal later still. So the wait is
    // checked within a quarter of a scaled minute above and one minute below the planned one.
    expectWait: (outcome, minutes) => {
      expect(outcome.allowed).toBe(false)
      expect(outcome.retryAfterMs).toBeLessThanOrEqual(minutes * minute + minute / 4)
      expect(outcome.retryAfterMs).toBeGreaterThan(minutes * minute - minute)
    },
  }
}


/**
 * The rule as a sorted set per window holds it (what the Redis script does): entries at or
 * before `now - windowMs` are gone, the cooldown runs from the latest entry and a full window
 * waits for its oldest, and an entry counts in all of a reservation's windows or in none.
 */
function windowModel(): { reserve(now: number, windows: readonly BudgetWindow[], id: () => string): WindowOutcome; release(key: string, id: string): void } {
  const entries = new Map<string, { at: number; id: string }[]>()
  return {
    reserve(now, windows, id) {
      for (const { key, cooldownMs, maxPerWindow, windowMs } of windows) {
        const live = (entries.get(key) ?? []).filter((entry) => entry.at > now - windowMs)
        entries.set(key, live)
        const times = live.map((entry) => entry.at)
        const last = Math.max(...times)
        if (live.length > 0 && now - last < cooldownMs) return { allowed: false, retryAfterMs: cooldownMs - (now - last), window: key }
        if (live.length >= maxPerWindow) return { allowed: false, retryAfterMs: (live.length === 0 ? now : Math.min(...times)) + windowMs - now, window: key }
      }
      const taken = id()
      for (const { key } of windows) entries.get(key)?.push({ at: now, id: taken })
      return { allowed: true, id: taken }
    },
    release(key, id) {
      entries.set(key, (entries.get(key) ?? []).filter((entry) => entry.id !== id))
    },
  }
}

const KEYS = ['flow', 'inbox', 'global'] as const
// A flow's or an inbox's window: short, with a cooldown and a small cap (zero included).
const resendWindow = fc.record({ cooldown: fc.integer({ min: 0, max: 3 }), max: fc.integer({ min: 0, max: 4 }), length: fc.integer({ min: 1, max: 10 }) })
const windowsArbitrary = fc.record({
  flow: resendWindow,
  inbox: resendWindow,
  global: fc.record({ cooldown: fc.constant(0), max: fc.integer({ min: 1, max: 40 }), length: fc.integer({ min: 1, max: 60 }) }),
})
// Each step moves the clock on by 0 to 4 minutes in quarters, then reserves in some windows or
// gives back an entry taken before.
const stepsArbitrary = fc.array(
  fc.record({
    quarters: fc.integer({ min: 0, max: 16 }),
    action: fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('reserve' as const), keys: fc.subarray([...KEYS], { minLength: 1 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat(), key: fc.constantFrom(...KEYS) }) },
    ),
  }),
  { maxLength: 60 },
)

/**
 * The behaviour every `WindowBudget` must have: cooldowns, rolling caps, all-or-nothing
 * reservations across windows, release, and exact counts under 50-way concurrency.
 *
 * @example
 * describeWindowBudgetContract({ name: 'memory', make: createMemoryWindowBudget })
 */
export function describeWindowBudgetContract({ name, make, windowClock = 'caller' }: WindowBudgetContractOptions): void {
  describe(`WindowBudget contract: ${name}`, () => {
    let budget: WindowBudget
    beforeEach(async () => {
      budget = await make()
    })

    // Send windows and guess budgets, in minutes of the budget's clock (see `windowClock`).
    const window = (t: Timeline, key: string, cooldown: number, max: number, length: number) => ({
      key,
      cooldownMs: cooldown * t.minute,
      maxPerWindow: max,
      windowMs: length * t.minute,
    })

    it('a send within the cooldown is refused with the time left to wait, and names the window', async () => {
      const t = timelineFor(windowClock)
      const k = window(t, 'k', 1, 3, 10)
      expect(await budget.reserve({ now: await t.at(0), windows: [k] })).toMatchObject({ allowed: true })
      const refused = await budget.reserve({ now: await t.at(0.25), windows: [k] })
      t.expectWait(refused, 0.75)
      expect(refused).toMatchObject({ window: 'k' })
      expect(await budget.reserve({ now: await t.at(0.25), windows: [window(t, 'other', 1, 3, 10)] })).toMatchObject({ allowed: true })
    })

    it('sends are capped per rolling window, and the window moves on', async () => {
      const t = timelineFor(windowClock)
      const k = window(t, 'k', 1, 3, 10)
      for (const minute of [0, 2, 4]) expect((await budget.reserve({ now: await t.at(minute), windows: [k] })).allowed).toBe(true)
      t.expectWait(await budget.reserve({ now: await t.at(6), windows: [k] }), 4)
      expect((await budget.reserve({ now: await t.at(10.5), windows: [k] })).allowed).toBe(true)
    })

    it('a send is counted in all of its windows or in none: one window refusing leaves the others untouched', async () => {
      const t = timelineFor(windowClock)
      const now = await t.at(0)
      const inbox = window(t, 'inbox', 0, 2, 10)
      expect((await budget.reserve({ now, windows: [window(t, 'flow-a', 1, 10, 10), inbox] })).allowed).toBe(true)
      expect((await budget.reserve({ now, windows: [window(t, 'flow-b', 1, 10, 10), inbox] })).allowed).toBe(true)
      expect(await budget.reserve({ now, windows: [window(t, 'flow-c', 1, 10, 10), inbox] })).toMatchObject({ allowed: false, window: 'inbox' })
      // Had flow-c counted the refused send, its cooldown would refuse this one.
      expect((await budget.reserve({ now, windows: [window(t, 'flow-c', 1, 10, 10), window(t, 'inbox-2', 0, 2, 10)] })).allowed).toBe(true)
    })

    it('an entry is given back by release (a guess whose code proved right), and the window moves on', async () => {
      const t = timelineFor(windowClock)
      const g = [window(t, 'g', 0, 3, 10)]
      const taken = []
      for (const minute of [0, 1, 2]) taken.push(await budget.reserve({ now: await t.at(minute), windows: g }))
      expect(taken.every((outcome) => outcome.allowed)).toBe(true)
      t.expectWait(await budget.reserve({ now: await t.at(3), windows: g }), 7)
      expect((await budget.reserve({ now: await t.at(3), windows: [window(t, 'other', 0, 3, 10)] })).allowed).toBe(true)
      const last = taken[2]
      if (last?.allowed === true) await budget.release('g', last.id)
      expect((await budget.reserve({ now: await t.at(3.5), windows: g })).allowed).toBe(true)
      expect((await budget.reserve({ now: await t.at(10.5), windows: g })).allowed).toBe(true)
      await expect(budget.release('no-such-window', 'no-such-id')).resolves.toBeUndefined()
    })

    it('of 50 parallel reservations under a cap of 10, exactly 10 are allowed', async () => {
      const outcomes = await parallel(50, () => budget.reserve({ now: T0, windows: [{ key: 'g', cooldownMs: 0, maxPerWindow: 10, windowMs: 60 * MINUTE }] }))
      expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(10)
    })

    it('a global delivery budget: many keys share one day-long window; of 120 parallel sends to 40 inboxes under a global cap of 100, exactly 100 go out', async () => {
      const day = 24 * 60 * MINUTE
      const outcomes = await parallel(120, (i) =>
        budget.reserve({
          now: T0,
          windows: [
            { key: `inbox:${i % 40}`, cooldownMs: 0, maxPerWindow: 10, windowMs: day },
            { key: 'global:phone_number', cooldownMs: 0, maxPerWindow: 100, windowMs: day },
          ],
        }),
      )
      expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(100)
      expect(outcomes.filter((outcome) => !outcome.allowed).every((outcome) => !outcome.allowed && outcome.window === 'global:phone_number')).toBe(true)
    })

    it('of 50 parallel sends under a cap of 5 (in one window, or the tighter of two), exactly 5 are allowed', async () => {
      const cap = (key: string, max: number) => ({ key, cooldownMs: 0, maxPerWindow: max, windowMs: 60 * MINUTE })
      const one = await parallel(50, () => budget.reserve({ now: T0, windows: [cap('k', 5)] }))
      expect(one.filter((outcome) => outcome.allowed)).toHaveLength(5)
      const two = await parallel(50, () => budget.reserve({ now: T0, windows: [cap('wide', 20), cap('narrow', 5)] }))
      expect(two.filter((outcome) => outcome.allowed)).toHaveLength(5)
    })

    it.runIf(windowClock === 'caller')('any run of reservations and releases, on a clock that never goes back, is answered as the sorted-set rule answers it', async () => {
      await fc.assert(
        fc.asyncProperty(windowsArbitrary, stepsArbitrary, async (shapes, steps) => {
          const fresh = await make()
          const model = windowModel()
          const windowOf = (key: (typeof KEYS)[number]): BudgetWindow => ({ key, cooldownMs: shapes[key].cooldown * MINUTE, maxPerWindow: shapes[key].max, windowMs: shapes[key].length * MINUTE })
          const taken: { key: string; id: string }[] = []
          let now = T0
          for (const { quarters, action } of steps) {
            now += (quarters * MINUTE) / 4
            if (action.kind === 'release') {
              const mine = taken.filter((t) => t.key === action.key)
              const id = mine[action.pick % Math.max(1, mine.length)]?.id ?? 'never-issued'
              await fresh.release(action.key, id)
              model.release(action.key, id)
              continue
            }
            const windows = action.keys.map(windowOf)
            const outcome = await fresh.reserve({ now, windows })
            const expected = model.reserve(now, windows, () => (outcome.allowed ? outcome.id : 'refused'))
            expect(outcome).toEqual(expected)
            if (outcome.allowed) for (const { key } of windows) taken.push({ key, id: outcome.id })
          }
        }),
        { numRuns: 200 },
      )
    })
  })
}
