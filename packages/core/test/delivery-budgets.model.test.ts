import { createCapturingAuditLog, createCapturingOtpSender, createControllableClock, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSendOtp, type Channel, type Identifier } from '../src/index.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const LIMITS = { cooldown: 0, flow: 3, inbox: 4, inboxDay: 6, network: 4, networkDay: 7, client: 4, global: 6 }

const IDENTIFIERS: readonly Identifier[] = [
  { channel: 'email', value: 'alice@example.com' },
  { channel: 'email', value: 'bob@example.com' },
  { channel: 'phone_number', value: '+8613800000001' },
  { channel: 'phone_number', value: '+8613800000002' },
]

const step = fc.record({
  clientId: fc.constantFrom('web', 'spa'),
  identifier: fc.constantFrom(...IDENTIFIERS),
  network: fc.constantFrom('ip:203.0.113.0/24', 'ip:198.51.100.0/24', undefined),
  advanceMs: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 10 * 60_000 }), weight: 3 }, { arbitrary: fc.integer({ min: HOUR / 2, max: 6 * HOUR }), weight: 1 }),
})

interface Sent {
  readonly keys: readonly string[]
  readonly at: number
}

type Scope = 'identifier' | 'network' | 'client' | 'global'

/** The rule in words: every window in order, the first one full refuses, and a refused send counts nowhere. */
function firstFull(sent: readonly Sent[], windows: ReadonlyArray<{ key: string; max: number; ms: number; scope: Scope }>, now: number) {
  for (const { key, max, ms, scope } of windows) {
    const inWindow = sent.filter((send) => send.at > now - ms && send.keys.includes(key))
    if (inWindow.length >= max) return { scope, retryAfterMs: (inWindow[0]?.at ?? now) + ms - now }
  }
  return undefined
}

const EXPECTED: Record<Scope, (channel: Channel) => { code: string; reason: string }> = {
  identifier: (channel) => ({ code: channel === 'email' ? 'too_many_requests' : 'sms_rate_limit_exceeded', reason: 'rate_limited' }),
  network: () => ({ code: 'too_many_requests', reason: 'network_budget_spent' }),
  client: (channel) => ({ code: channel === 'email' ? 'insufficient_email_quota' : 'insufficient_sms_quota', reason: 'client_budget_spent' }),
  global: (channel) => ({ code: channel === 'email' ? 'insufficient_email_quota' : 'insufficient_sms_quota', reason: 'global_budget_spent' }),
}

describe('delivery budgets', () => {
  const reached = new Map<Scope, number>()
  it('a send is refused exactly when the first full window (identifier, network, client, global) says, with its wire code, wait and audit reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 80 }), async (steps) => {
        const clock = createControllableClock()
        const log = createCapturingAuditLog()
        const sender = createCapturingOtpSender()
        const sendOtp = createSendOtp({
          store: createMemoryOtpStore(),
          windows: createMemoryWindowBudget(),
          sender,
          clock,
          knownAccountsOnly: { phone_number: false },
          resendLimits: { cooldownSeconds: LIMITS.cooldown, maxPerHour: LIMITS.flow, inboxMaxPerHour: LIMITS.inbox, inboxMaxPerDay: LIMITS.inboxDay },
          deliveryBudgets: {
            perNetworkPerHour: LIMITS.network,
            perNetworkPerDay: LIMITS.networkDay,
            perClientPerDay: { email: LIMITS.client, phone_number: LIMITS.client },
            globalPerDay: { email: LIMITS.global, phone_number: LIMITS.global },
          },
          audit: { log, pseudonymKey: 'k'.repeat(32) },
        })
        const sent: Sent[] = []
        for (const { clientId, identifier, network, advanceMs } of steps) {
          clock.advance(advanceMs)
          const { channel, value } = identifier
          const windows = [
            { key: `flow:${clientId}:${value}`, max: LIMITS.flow, ms: HOUR, scope: 'identifier' as const },
            { key: `inbox:${value}`, max: LIMITS.inbox, ms: HOUR, scope: 'identifier' as const },
            { key: `inbox:${value}`, max: LIMITS.inboxDay, ms: DAY, scope: 'identifier' as const },
            ...(network === undefined
              ? []
              : [
                  { key: network, max: LIMITS.network, ms: HOUR, scope: 'network' as const },
                  { key: network, max: LIMITS.networkDay, ms: DAY, scope: 'network' as const },
                ]),
            { key: `client:${clientId}:${channel}`, max: LIMITS.client, ms: DAY, scope: 'client' as const },
            { key: `global:${channel}`, max: LIMITS.global, ms: DAY, scope: 'global' as const },
          ]
          const expected = firstFull(sent, windows, clock.now())
          const source = network === undefined ? {} : { source: { ip: '203.0.113.7', network } }
          const before = log.events.length
          const outcome = await sendOtp({ clientId, usage: 'reset_password', identifier, ...source })
          if (expected === undefined) {
            expect(outcome.isOk()).toBe(true)
            sent.push({ keys: windows.map((window) => window.key), at: clock.now() })
            continue
          }
          reached.set(expected.scope, (reached.get(expected.scope) ?? 0) + 1)
          const { code, reason } = EXPECTED[expected.scope](channel)
          expect(outcome._unsafeUnwrapErr()).toMatchObject({ code, retryAfterSeconds: Math.max(1, Math.ceil(expected.retryAfterMs / 1000)) })
          expect(log.events.slice(before)).toEqual([expect.objectContaining({ type: 'otp_send_refused', reason })])
        }
        // What went out is exactly what was admitted.
        expect(sender.deliveries).toHaveLength(sent.length)
      }),
      { numRuns: 300 },
    )
    // The generator must reach every kind of window, or part of the rule is never exercised.
    // Tuned so each kind is reached some 17–47 times in 300 runs; 5 leaves room for chance.
    for (const scope of ['client', 'global', 'identifier', 'network'] as const) expect(reached.get(scope) ?? 0).toBeGreaterThan(5)
  })
})
