import { createCapturingOtpSender, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSendOtp, identifierKey, type BudgetWindow, type DeliveryBudgets, type Identifier, type OtpUsage, type ResendLimits, type WindowBudget } from '../src/index.js'

// The windows one send asks the budget for. Their keys are a storage format: a shared store
// (Redis, PostgreSQL) holds them across deploys, so a renamed key would silently reset every
// limit; and each window counts exactly what its option says, nothing more.

const HOUR = 3_600_000
const DAY = 24 * HOUR

const count = fc.integer({ min: 1, max: 10_000 })
const limitsArb: fc.Arbitrary<ResendLimits> = fc.record({ cooldownSeconds: fc.integer({ min: 0, max: 600 }), maxPerHour: count, inboxMaxPerHour: count, inboxMaxPerDay: count }, { requiredKeys: [] })
const perChannel = fc.record({ email: count, phone_number: count }, { requiredKeys: [] })
const budgetsArb: fc.Arbitrary<DeliveryBudgets> = fc.record({ perNetworkPerHour: count, perNetworkPerDay: count, perClientPerDay: perChannel, globalPerDay: perChannel }, { requiredKeys: [] })
const identifierArb = fc.constantFrom<Identifier>({ channel: 'email', value: 'alice@example.com' }, { channel: 'phone_number', value: '+8613800000001' })

function recording(): { budget: WindowBudget; asked: BudgetWindow[][] } {
  const inner = createMemoryWindowBudget()
  const asked: BudgetWindow[][] = []
  return {
    asked,
    budget: {
      reserve: (reservation) => {
        asked.push([...reservation.windows])
        return inner.reserve(reservation)
      },
      release: (key, id) => inner.release(key, id),
    },
  }
}

const w = (key: string, maxPerWindow: number, windowMs: number, cooldownMs = 0): BudgetWindow => ({ key, cooldownMs, maxPerWindow, windowMs })

describe('the windows of a send', () => {
  it('are exactly those its options turn on, under stable keys, with the limits given or defaulted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(limitsArb, fc.constant(false as const)),
        fc.oneof(budgetsArb, fc.constant(false as const)),
        fc.constantFrom('web', 'spa'),
        fc.constantFrom<OtpUsage>('reset_password', 'login'),
        identifierArb,
        fc.option(fc.constantFrom('ip:203.0.113.0/24', 'ip6:2001:db8:0:0::/56'), { nil: undefined }),
        async (resendLimits, deliveryBudgets, clientId, usage, identifier, network) => {
          fc.pre(resendLimits !== false || deliveryBudgets !== false)
          const { budget, asked } = recording()
          const sendOtp = createSendOtp({ store: createMemoryOtpStore(), windows: budget, sender: createCapturingOtpSender(), resendLimits, deliveryBudgets, knownAccountsOnly: { email: false, phone_number: false } })
          const sent = await sendOtp({ clientId, usage, identifier, ...(network === undefined ? {} : { source: { ip: '203.0.113.7', network } }) })
          expect(sent.isOk()).toBe(true)

          const inbox = identifierKey(identifier)
          const channel = identifier.channel
          const limits = resendLimits === false ? undefined : { cooldownSeconds: 60, maxPerHour: 10, inboxMaxPerHour: 30, inboxMaxPerDay: 50, ...resendLimits }
          const expected: BudgetWindow[] = []
          if (limits !== undefined) {
            expected.push(
              w(`flow:${JSON.stringify([clientId, usage, inbox])}`, limits.maxPerHour, HOUR, limits.cooldownSeconds * 1000),
              w(`inbox:${inbox}`, limits.inboxMaxPerHour, HOUR),
              w(`inbox-day:${inbox}`, limits.inboxMaxPerDay, DAY),
            )
          }
          if (deliveryBudgets !== false) {
            if (network !== undefined) {
              expected.push(w(`network:${network}`, deliveryBudgets.perNetworkPerHour ?? 20, HOUR), w(`network-day:${network}`, deliveryBudgets.perNetworkPerDay ?? 100, DAY))
            }
            const client = { phone_number: 500, email: 5_000, ...deliveryBudgets.perClientPerDay }
            const global = { phone_number: 1_000, email: 10_000, ...deliveryBudgets.globalPerDay }
            expected.push(w(`client:${JSON.stringify([channel, clientId])}`, client[channel], DAY), w(`global:${channel}`, global[channel], DAY))
          }
          expect(asked).toEqual([expected])
        },
      ),
      { numRuns: 80 },
    )
  })

  it('with limits and budgets both off, no budget is asked at all', async () => {
    const { budget, asked } = recording()
    const sendOtp = createSendOtp({ store: createMemoryOtpStore(), windows: budget, sender: createCapturingOtpSender(), resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { email: false, phone_number: false } })
    expect((await sendOtp({ clientId: 'web', usage: 'login', identifier: { channel: 'email', value: 'alice@example.com' } })).isOk()).toBe(true)
    expect(asked).toEqual([])
  })
})

describe('the options, checked at construction', () => {
  const base = { store: createMemoryOtpStore(), windows: createMemoryWindowBudget(), sender: createCapturingOtpSender(), knownAccountsOnly: { email: false, phone_number: false } }
  const notWhole = fc.constantFrom(0, -1, 1.5, Number.NaN, Infinity)

  it('a cooldown must be a finite number of seconds ≥ 0', () => {
    for (const cooldownSeconds of [0, 0.5, 60]) expect(() => createSendOtp({ ...base, resendLimits: { cooldownSeconds } })).not.toThrow()
    for (const cooldownSeconds of [-1, -0.5, Number.NaN, Infinity]) {
      expect(() => createSendOtp({ ...base, resendLimits: { cooldownSeconds } })).toThrow(new TypeError(`cooldownSeconds must be ≥ 0, got ${cooldownSeconds}`))
    }
  })

  it('every count of the limits and budgets must be a whole number ≥ 1, and the refusal names it', () => {
    type Case = [string, { resendLimits?: ResendLimits; deliveryBudgets?: DeliveryBudgets }]
    const at = (value: number): Case[] => [
      ['maxPerHour', { resendLimits: { maxPerHour: value } }],
      ['inboxMaxPerHour', { resendLimits: { inboxMaxPerHour: value } }],
      ['inboxMaxPerDay', { resendLimits: { inboxMaxPerDay: value } }],
      ['perNetworkPerHour', { deliveryBudgets: { perNetworkPerHour: value } }],
      ['perNetworkPerDay', { deliveryBudgets: { perNetworkPerDay: value } }],
      ['perClientPerDay.email', { deliveryBudgets: { perClientPerDay: { email: value } } }],
      ['perClientPerDay.phone_number', { deliveryBudgets: { perClientPerDay: { phone_number: value } } }],
      ['globalPerDay.email', { deliveryBudgets: { globalPerDay: { email: value } } }],
      ['globalPerDay.phone_number', { deliveryBudgets: { globalPerDay: { phone_number: value } } }],
    ]
    fc.assert(
      fc.property(notWhole, count, (bad, good) => {
        for (const [name, options] of at(bad)) expect(() => createSendOtp({ ...base, ...options })).toThrow(new TypeError(`${name} must be a whole number ≥ 1, got ${bad}`))
        for (const [, options] of at(good)) expect(() => createSendOtp({ ...base, ...options })).not.toThrow()
      }),
    )
  })

  it('a budget turned off is not checked', () => {
    expect(() => createSendOtp({ ...base, resendLimits: false, deliveryBudgets: { perNetworkPerHour: 5 } })).not.toThrow()
    expect(() => createSendOtp({ ...base, resendLimits: { maxPerHour: 5 }, deliveryBudgets: false })).not.toThrow()
  })
})
