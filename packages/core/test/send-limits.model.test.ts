import { createCapturingOtpSender, createControllableClock, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSendOtp, type OtpUsage } from '../src/index.js'

const HOUR = 3_600_000
const COOLDOWN = 60_000
const PER_FLOW = 4
const PER_INBOX = 6

// Three spellings of one mailbox and one other mailbox.
const SPELLINGS = ['alice@example.com', 'alice+x@example.com', 'alice@example.com.', 'bob@example.com'] as const
const mailboxOf = (spelling: string): string => (spelling.startsWith('bob') ? 'bob' : 'alice')

const step = fc.record({
  clientId: fc.constantFrom('web', 'spa', 'native'),
  usage: fc.constantFrom<OtpUsage>('reset_password', 'login', 'signup'),
  spelling: fc.constantFrom(...SPELLINGS),
  advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 * COOLDOWN }), fc.integer({ min: 0, max: HOUR })),
})

/** The rule in words: per flow, `COOLDOWN` apart and `PER_FLOW` an hour; per mailbox, `PER_INBOX` an hour. */
function modelAllows(sent: ReadonlyArray<{ flow: string; inbox: string; at: number }>, flow: string, inbox: string, now: number): boolean {
  const recent = sent.filter((send) => send.at > now - HOUR)
  const inFlow = recent.filter((send) => send.flow === flow)
  const last = inFlow.at(-1)
  if (last !== undefined && now - last.at < COOLDOWN) return false
  return inFlow.length < PER_FLOW && recent.filter((send) => send.inbox === inbox).length < PER_INBOX
}

describe('send limits', () => {
  let inboxRefusals = 0
  it('a send is refused exactly when its flow’s cooldown or hourly cap, or its mailbox’s hourly cap, would be broken; refused sends count nowhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), async (steps) => {
        const clock = createControllableClock()
        const sendOtp = createSendOtp({
          store: createMemoryOtpStore(),
          windows: createMemoryWindowBudget(),
          sender: createCapturingOtpSender(),
          clock,
          resendLimits: { cooldownSeconds: COOLDOWN / 1000, maxPerHour: PER_FLOW, inboxMaxPerHour: PER_INBOX, inboxMaxPerDay: 1_000 },
          deliveryBudgets: false,
          knownAccountsOnly: { phone_number: false },
        })
        const sent: Array<{ flow: string; inbox: string; at: number }> = []
        for (const { clientId, usage, spelling, advanceMs } of steps) {
          clock.advance(advanceMs)
          const inbox = mailboxOf(spelling)
          const flow = `${clientId}/${usage}/${inbox}`
          const expected = modelAllows(sent, flow, inbox, clock.now())
          if (!expected && modelAllows(sent.filter((send) => send.inbox !== inbox || send.flow === flow), flow, inbox, clock.now())) inboxRefusals++
          const outcome = await sendOtp({ clientId, usage, identifier: { channel: 'email', value: spelling } })
          expect(outcome.isOk()).toBe(expected)
          if (outcome.isErr()) expect(outcome.error.code).toBe('too_many_requests')
          if (expected) sent.push({ flow, inbox, at: clock.now() })
        }
      }),
      { numRuns: 200 },
    )
    // The generator must reach the inbox cap, or only half the rule is exercised.
    expect(inboxRefusals).toBeGreaterThan(10)
  })
})
