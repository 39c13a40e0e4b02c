import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DELIVERY_BUDGETS, DEFAULT_RESEND_LIMITS, DEFAULT_SMS_REGIONS, sendWorstCase, type DeliveryBudgets, type ResendLimits } from '../src/index.js'

// The bounds the README's security model states. packages/hardening drives the send path to
// reach them with the defaults; here, the rules that make them bounds for any configuration.

const count = fc.integer({ min: 1, max: 100_000 })
const perChannel = fc.record({ email: count, phone_number: count }, { requiredKeys: [] })
const resendLimits: fc.Arbitrary<ResendLimits> = fc.record(
  { cooldownSeconds: count, maxPerHour: count, inboxMaxPerHour: count, inboxMaxPerDay: count },
  { requiredKeys: [] },
)
const deliveryBudgets: fc.Arbitrary<DeliveryBudgets> = fc.record(
  { perNetworkPerHour: count, perNetworkPerDay: count, perClientPerDay: perChannel, globalPerDay: perChannel },
  { requiredKeys: [] },
)
const regions = fc.uniqueArray(fc.constantFrom('CN', 'GB', 'US', 'DE', 'JP'), { minLength: 1 })
const options = fc.record(
  { resendLimits: fc.oneof(resendLimits, fc.constant(false as const)), deliveryBudgets: fc.oneof(deliveryBudgets, fc.constant(false as const)), smsRegions: regions },
  { requiredKeys: [] },
)

const UNBOUNDED = { hour: Infinity, day: Infinity }
// An hourly cap also caps the day at 24 of it; a daily cap also caps every hour.
const hourlyAndDaily = (perHour: number, perDay: number) => ({ hour: Math.min(perHour, perDay), day: Math.min(perDay, 24 * perHour) })
// A daily budget can be spent within one hour.
const dailyOnly = (perDay: number) => ({ hour: perDay, day: perDay })

describe('sendWorstCase', () => {
  it('with the defaults: 30 an hour and 50 a day to one victim, 20 and 100 from one network, 500 SMS and 5,000 emails a client, 1,000 SMS into CN and 10,000 emails in all', () => {
    expect(sendWorstCase()).toEqual({
      perVictim: { hour: 30, day: 50 },
      perNetwork: { hour: 20, day: 100 },
      perClient: { email: { hour: 5_000, day: 5_000 }, phone_number: { hour: 500, day: 500 } },
      perRegion: { hour: 1_000, day: 1_000, regions: ['CN'] },
      total: { email: { hour: 10_000, day: 10_000 }, phone_number: { hour: 1_000, day: 1_000 }, all: { hour: 11_000, day: 11_000 } },
    })
  })

  it('one victim receives at most what its inbox caps allow, whatever the flow limits', () => {
    fc.assert(
      fc.property(resendLimits, (limits) => {
        const inbox = { ...DEFAULT_RESEND_LIMITS, ...limits }
        expect(sendWorstCase({ resendLimits: limits }).perVictim).toEqual(hourlyAndDaily(inbox.inboxMaxPerHour, inbox.inboxMaxPerDay))
        // Cooldown and per-flow caps count one flow; a victim is reached through many.
        const flowLimitsOnly = { cooldownSeconds: 1, maxPerHour: 100_000 }
        expect(sendWorstCase({ resendLimits: { ...limits, ...flowLimitsOnly } }).perVictim).toEqual(sendWorstCase({ resendLimits: limits }).perVictim)
      }),
    )
  })

  it('one network, one client and everyone together are bounded by their budgets, with the defaults for what is not given', () => {
    fc.assert(
      fc.property(deliveryBudgets, (budgets) => {
        const network = {
          hour: budgets.perNetworkPerHour ?? DEFAULT_DELIVERY_BUDGETS.perNetworkPerHour,
          day: budgets.perNetworkPerDay ?? DEFAULT_DELIVERY_BUDGETS.perNetworkPerDay,
        }
        const global = { ...DEFAULT_DELIVERY_BUDGETS.globalPerDay, ...budgets.globalPerDay }
        const client = { ...DEFAULT_DELIVERY_BUDGETS.perClientPerDay, ...budgets.perClientPerDay }
        const worst = sendWorstCase({ deliveryBudgets: budgets })
        expect(worst.perNetwork).toEqual(hourlyAndDaily(network.hour, network.day))
        for (const channel of ['email', 'phone_number'] as const) {
          // A client's budget is spent within the global one, never beyond it.
          expect(worst.perClient[channel]).toEqual(dailyOnly(Math.min(client[channel], global[channel])))
          expect(worst.total[channel]).toEqual(dailyOnly(global[channel]))
        }
        expect(worst.total.all).toEqual(dailyOnly(global.email + global.phone_number))
        expect(worst.perRegion).toEqual({ ...dailyOnly(global.phone_number), regions: DEFAULT_SMS_REGIONS })
      }),
    )
  })

  it('every bound holds per hour and per day alike: none allows more in an hour than in a day, nor more in a day than 24 hours of it', () => {
    fc.assert(
      fc.property(options, (given) => {
        const worst = sendWorstCase(given)
        const bounds = [worst.perVictim, worst.perNetwork, worst.perClient.email, worst.perClient.phone_number, worst.perRegion, worst.total.email, worst.total.phone_number, worst.total.all]
        for (const { hour, day } of bounds) {
          expect(hour).toBeLessThanOrEqual(day)
          expect(day).toBeLessThanOrEqual(24 * hour)
        }
        expect(worst.perRegion.regions).toEqual(given.smsRegions ?? DEFAULT_SMS_REGIONS)
      }),
    )
  })

  it('turning limits or budgets off leaves what they bounded unbounded, and nothing else', () => {
    fc.assert(
      fc.property(resendLimits, deliveryBudgets, (limits, budgets) => {
        const noLimits = sendWorstCase({ resendLimits: false, deliveryBudgets: budgets })
        expect(noLimits.perVictim).toEqual(UNBOUNDED)
        expect({ ...noLimits, perVictim: undefined }).toEqual({ ...sendWorstCase({ resendLimits: limits, deliveryBudgets: budgets }), perVictim: undefined })

        const noBudgets = sendWorstCase({ resendLimits: limits, deliveryBudgets: false })
        expect(noBudgets.perVictim).toEqual(sendWorstCase({ resendLimits: limits }).perVictim)
        for (const bound of [noBudgets.perNetwork, noBudgets.perClient.email, noBudgets.perClient.phone_number, noBudgets.perRegion, noBudgets.total.email, noBudgets.total.phone_number, noBudgets.total.all]) {
          expect({ hour: bound.hour, day: bound.day }).toEqual(UNBOUNDED)
        }
      }),
    )
  })
})
