import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runWithRetry, type RetryPolicy } from '../src/after-reset.js'
import { PortUnavailableError } from '../src/unavailable.js'

afterEach(() => {
  vi.useRealTimers()
})

/** Runs `runWithRetry` on fake timers, recording when each try started. */
async function tryTimes(failures: number, policy: RetryPolicy | undefined, hang = false): Promise<{ starts: number[]; report: Awaited<ReturnType<typeof runWithRetry>> }> {
  vi.useFakeTimers({ now: 0 })
  const starts: number[] = []
  const run = (): Promise<unknown> => {
    starts.push(Date.now())
    if (starts.length > failures) return Promise.resolve('done')
    return hang ? new Promise(() => {}) : Promise.reject(new Error(`try ${starts.length} failed`))
  }
  const pending = runWithRetry('notifier.notify', run, policy)
  await vi.runAllTimersAsync()
  return { starts, report: await pending }
}

describe('after-reset effects: retried with doubling back-off, reported, never thrown', () => {
  it('by default: 3 tries, waiting 200 ms then 400 ms', async () => {
    const { starts, report } = await tryTimes(5, undefined)
    expect(starts).toEqual([0, 200, 600])
    expect(report).toMatchObject({ effect: 'notifier.notify', ok: false, attempts: 3 })
  })

  it('by default each try times out after 5 s', async () => {
    const { starts, report } = await tryTimes(1, undefined, true)
    expect(starts).toEqual([0, 5200])
    expect(report).toEqual({ effect: 'notifier.notify', ok: true, attempts: 2 })
  })

  it('for any policy: tries until the first success or the limit, the k-th wait being backoff × 2^(k−1)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 6 }), async (attempts, backoffMs, failures) => {
        const { starts, report } = await tryTimes(failures, { attempts, backoffMs, timeoutMs: 100 })
        const tries = Math.min(failures + 1, attempts)
        const expectedStarts = [0]
        for (let k = 1; k < tries; k++) expectedStarts.push(expectedStarts[k - 1]! + backoffMs * 2 ** (k - 1))
        expect(starts).toEqual(expectedStarts)
        expect(report.ok).toBe(failures < attempts)
        expect(report.attempts).toBe(tries)
        vi.useRealTimers()
      }),
      { numRuns: 60 },
    )
  })

  it('a failed report carries the last try’s own cause, not its wrapper', async () => {
    const { report } = await tryTimes(9, { attempts: 2, backoffMs: 1 })
    expect(report.ok).toBe(false)
    expect((report as { cause: Error }).cause).toEqual(new Error('try 2 failed'))

    vi.useRealTimers()
    const unavailable = new PortUnavailableError('smtp')
    const down = await runWithRetry('notifier.notify', () => Promise.reject(unavailable), { attempts: 1 })
    expect(down).toEqual({ effect: 'notifier.notify', ok: false, attempts: 1, cause: unavailable })
    // A timeout has no cause of its own: the report names the typed error.
    const hung = await runWithRetry('notifier.notify', () => new Promise(() => {}), { attempts: 1, timeoutMs: 5 })
    expect(hung).toMatchObject({ ok: false, attempts: 1, cause: { code: 'temporarily_unavailable', port: 'notifier.notify' } })
  })
})
