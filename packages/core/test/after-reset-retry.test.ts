import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAfterReset, runWithRetry, type AfterResetDeps, type RetryPolicy } from '../src/after-reset.js'
import { createAuditor } from '../src/audit/auditor.js'
import type { AuditEvent } from '../src/audit/events.js'
import { PortUnavailableError } from '../src/unavailable.js'

afterEach(() => {
  vi.useRealTimers()
})

/** Runs `runWithRetry` on fake timers, recording when each try started. */
async function tryTimes(failures: number, policy: RetryPolicy | undefined, hang = false): Promise<{ starts: number[]; settledAt: number | undefined; report: Awaited<ReturnType<typeof runWithRetry>> }> {
  vi.useFakeTimers({ now: 0 })
  const starts: number[] = []
  const run = (): Promise<unknown> => {
    starts.push(Date.now())
    if (starts.length > failures) return Promise.resolve('done')
    return hang ? new Promise(() => {}) : Promise.reject(new Error(`try ${starts.length} failed`))
  }
  let settledAt: number | undefined
  const pending = runWithRetry('notifier.notify', run, policy).then((report) => {
    settledAt = Date.now()
    return report
  })
  await vi.runAllTimersAsync()
  return { starts, settledAt, report: await pending }
}

describe('after-reset effects: retried with doubling back-off, reported, never thrown', () => {
  it('by default: 3 tries, waiting 200 ms then 400 ms, and the report at once after the last', async () => {
    const { starts, settledAt, report } = await tryTimes(5, undefined)
    expect(starts).toEqual([0, 200, 600])
    expect(settledAt).toBe(600)
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
        const { starts, settledAt, report } = await tryTimes(failures, { attempts, backoffMs, timeoutMs: 100 })
        const tries = Math.min(failures + 1, attempts)
        const expectedStarts = [0]
        for (let k = 1; k < tries; k++) expectedStarts.push(expectedStarts[k - 1]! + backoffMs * 2 ** (k - 1))
        expect(starts).toEqual(expectedStarts)
        // No wait after the last try: the report comes with it.
        expect(settledAt).toBe(expectedStarts.at(-1))
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

describe('after-reset effects: which run, with what', () => {
  const user = { id: 'alice' } as Parameters<ReturnType<typeof createAfterReset>>[0]
  const identifier = { channel: 'email', value: 'alice@example.com' } as const
  const once = { attempts: 1, timeoutMs: 50 }

  function setup(overrides: Partial<AfterResetDeps> = {}): { events: AuditEvent[]; failed: unknown[]; calls: unknown[]; deps: AfterResetDeps } {
    const events: AuditEvent[] = []
    const failed: unknown[] = []
    const calls: unknown[] = []
    const deps: AfterResetDeps = {
      sessions: { revokeAllForUser: async (...args) => (calls.push(['revoke', ...args]), 2) },
      notifier: { notify: async (notice) => void calls.push(['notify', notice]) },
      retry: once,
      onEffectFailed: (report) => void failed.push(report),
      clock: { now: () => 1234 },
      auditor: createAuditor({ log: { record: (event) => void events.push(event) }, pseudonymKey: 'pseudonym-key-0123456789' }, { now: () => 1234 }),
      ...overrides,
    }
    return { events, failed, calls, deps }
  }

  it('revokes every session but the one a signed-in change came from, notifies, and audits the count', async () => {
    const { events, calls, deps } = setup()
    const reports = await createAfterReset(deps)(user, { clientId: 'web', identifier, keepSession: 'browser' })
    expect(reports).toEqual([
      { effect: 'sessions.revokeAllForUser', ok: true, attempts: 1 },
      { effect: 'notifier.notify', ok: true, attempts: 1 },
    ])
    expect(calls).toEqual([
      ['revoke', 'alice', { except: 'browser' }],
      ['notify', { event: 'password_changed', userId: 'alice', channel: 'email', to: 'alice@example.com', at: 1234 }],
    ])
    expect(events).toMatchObject([{ type: 'sessions_revoked', clientId: 'web', userId: 'alice', count: 2 }])
  })

  it('a reset (no session kept) revokes them all; without an identifier nothing is notified or audited', async () => {
    const { events, calls, deps } = setup()
    const reports = await createAfterReset(deps)(user, { clientId: 'web', identifier: undefined })
    expect(reports.map((report) => report.effect)).toEqual(['sessions.revokeAllForUser'])
    expect(calls).toEqual([['revoke', 'alice']])
    expect(events).toEqual([])
  })

  it('without a session revoker or notifier, that effect does not exist', async () => {
    const { sessions: _sessions, ...noSessions } = setup().deps
    expect((await createAfterReset(noSessions)(user, { clientId: 'web', identifier })).map((r) => r.effect)).toEqual(['notifier.notify'])
    const { notifier: _notifier, ...noNotifier } = setup().deps
    expect((await createAfterReset(noNotifier)(user, { clientId: 'web', identifier })).map((r) => r.effect)).toEqual(['sessions.revokeAllForUser'])
  })

  it('a failed effect is audited and handed to the host with its user; without a hook it is only reported', async () => {
    const cause = new Error('smtp down')
    const { events, failed, deps } = setup({ notifier: { notify: () => Promise.reject(cause) } })
    const reports = await createAfterReset(deps)(user, { clientId: 'web', identifier })
    expect(reports[1]).toEqual({ effect: 'notifier.notify', ok: false, attempts: 1, cause })
    expect(failed).toEqual([{ effect: 'notifier.notify', ok: false, attempts: 1, cause, userId: 'alice' }])
    expect(events.map((event) => event.type)).toEqual(['sessions_revoked', 'post_reset_effect_failed'])
    expect(events[1]).toMatchObject({ clientId: 'web', userId: 'alice', effect: 'notifier.notify', attempts: 1 })

    const { onEffectFailed: _hook, ...noHook } = setup({ notifier: { notify: () => Promise.reject(cause) } }).deps
    await expect(createAfterReset(noHook)(user, { clientId: 'web', identifier })).resolves.toHaveLength(2)
  })
})
