import { createCapturingAuditLog, createControllableClock, createMemoryOtpStore, createMemoryUserStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSendOtp, DeliveryFailedError, type Identifier, type OtpUsage, type UserSeed, type UserStatus } from '../src/index.js'

// Two targets per channel; in each world they are active accounts, frozen accounts, or none.
const TARGETS: readonly Identifier[] = [
  { channel: 'email', value: 'alice@example.com' },
  { channel: 'email', value: 'bob@example.com' },
  { channel: 'phone_number', value: '+8613800000001' },
  { channel: 'phone_number', value: '+8613800000002' },
  // Refused by the recipient policy, account or not.
  { channel: 'phone_number', value: '+447911123456' },
]

const step = fc.record({
  target: fc.integer({ min: 0, max: TARGETS.length - 1 }),
  clientId: fc.constantFrom('web', 'spa'),
  usage: fc.constantFrom<OtpUsage>('reset_password', 'login', 'signup'),
  network: fc.constantFrom('ip:203.0.113.0/24', 'ip:198.51.100.0/24'),
  human: fc.boolean(),
  // How the provider answers this step, if it is asked: the same in every world.
  provider: fc.constantFrom('ok', 'ok', 'ok', 'quota', 'down'),
  advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120_000 }), fc.integer({ min: 0, max: 2 * 3_600_000 })),
})

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never

function world(status: UserStatus | 'none') {
  const seeds: UserSeed[] =
    status === 'none'
      ? []
      : TARGETS.map((target, i) => ({
          id: `u${i}`,
          email: target.channel === 'email' ? target.value : null,
          phoneNumber: target.channel === 'phone_number' ? target.value : null,
          status,
          names: [],
          passwordHash: null,
          passwordHistory: [],
        }))
  const clock = createControllableClock()
  const log = createCapturingAuditLog()
  let provider = 'ok'
  let human = true
  const sendOtp = createSendOtp({
    store: createMemoryOtpStore(),
    windows: createMemoryWindowBudget(),
    users: createMemoryUserStore(seeds),
    clock,
    sender: {
      send: async () => {
        if (provider === 'quota') throw new DeliveryFailedError('quota_exhausted')
        if (provider === 'down') throw new Error('provider down')
      },
    },
    humanCheck: { verify: async () => human },
    resendLimits: { cooldownSeconds: 30, maxPerHour: 4, inboxMaxPerHour: 6, inboxMaxPerDay: 8 },
    deliveryBudgets: { perNetworkPerHour: 10, perClientPerDay: { email: 12, phone_number: 12 }, globalPerDay: { email: 20, phone_number: 20 } },
    background: { retryDelaysMs: [0] },
    audit: { log, pseudonymKey: 'k'.repeat(32) },
  })
  const run = async (steps: ReadonlyArray<Step>) => {
    const seen: unknown[] = []
    for (const s of steps) {
      clock.advance(s.advanceMs)
      provider = s.provider
      human = s.human
      const outcome = await sendOtp({
        clientId: s.clientId,
        usage: s.usage,
        identifier: TARGETS[s.target] ?? { channel: 'email', value: 'x@example.com' },
        source: { ip: '203.0.113.7', network: s.network },
        humanCheckToken: 'token',
      })
      await sendOtp.idle()
      seen.push(outcome.match((ok) => ({ ok: Object.keys(ok), expiresIn: ok.expiresAt - clock.now() }), (error) => error))
    }
    const refusals = log.ofType('otp_send_refused').map(({ reason, clientId, usage, subject }) => ({ reason, clientId, usage, subject }))
    return { seen, refusals }
  }
  return { run }
}

describe('no refusal of /otp/send reveals an account', () => {
  it('the same requests get the same answers and the same refusal reasons whether the targets are active accounts, frozen accounts or no accounts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const [active, frozen, none] = await Promise.all([world('active').run(steps), world('frozen').run(steps), world('none').run(steps)])
        // Every answer (token shape and lifetime, or the error with its wait) and every refusal
        // reason: a difference in any of them would tell the caller which world it is in.
        expect(frozen).toEqual(active)
        expect(none).toEqual(active)
      }),
      { numRuns: 150 },
    )
  })
})
