import { createCapturingAuditLog, createCapturingOtpSender, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPseudonymizer, createSendOtp, type VerificationFailure } from '../src/index.js'
import { createFastTestHasher } from '@resetkit/testing'
import { aliceEmail, makeWorld } from './world.js'

const pseudonymKey = 'audit-test-key-0123456789'
const MAX_ATTEMPTS = 5
const BUDGET = 10

type Step = 'fresh_code' | 'wrong_code' | 'weak_password' | 'good_password' | 'unknown_token' | 'other_client' | 'expire'
const steps = fc.array(
  fc.oneof(
    { arbitrary: fc.constant<Step>('wrong_code'), weight: 5 },
    { arbitrary: fc.constant<Step>('fresh_code'), weight: 2 },
    { arbitrary: fc.constantFrom<Step>('weak_password', 'good_password', 'unknown_token', 'other_client', 'expire'), weight: 3 },
  ),
  { maxLength: 40, size: 'max' },
)
const HOUR = 3_600_000

/** What the verifier should say about the current token, in the order it checks. */
interface TokenModel {
  attempts: number
  consumed: boolean
  expired: boolean
}

describe('audit events', () => {
  it('every refused check is one verification event with the model’s reason, and every reset one succeeded or rejected event with its wire code', async () => {
    let runsReachingTheBudget = 0
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        const log = createCapturingAuditLog()
        const world = await makeWorld({ maxAttempts: MAX_ATTEMPTS, audit: { log, pseudonymKey } })
        let current = await world.requestCode(aliceEmail)
        let token: TokenModel = { attempts: 0, consumed: false, expired: false }
        let wrongAt: number[] = [] // when each counted wrong code was made: the budget slides
        let password = 0

        // The verifier's order: binding and lifecycle first, then the identifier's budget, then the token's.
        const expectedFailure = (step: Step): VerificationFailure | undefined => {
          if (step === 'unknown_token') return 'unknown_token'
          if (step === 'other_client') return 'other_client'
          if (token.consumed) return 'consumed'
          if (token.expired) return 'expired'
          wrongAt = wrongAt.filter((at) => at > world.clock.now() - HOUR)
          if (wrongAt.length >= BUDGET) return 'identifier_budget_spent'
          if (token.attempts >= MAX_ATTEMPTS) return 'attempts_exhausted'
          return step === 'wrong_code' ? 'wrong_code' : undefined
        }

        for (const step of plan) {
          if (step === 'fresh_code') {
            current = await world.requestCode(aliceEmail)
            token = { attempts: 0, consumed: false, expired: false }
            continue
          }
          if (step === 'expire') {
            world.clock.advance(301_000) // past the TTL, well inside the budget's hour
            token.expired = true
            continue
          }
          const before = log.events.length
          const failure = expectedFailure(step)
          const otpToken = step === 'unknown_token' ? 'not-a-token-we-issued' : current.token
          const otp = step === 'wrong_code' ? (current.code === '000000' ? '000001' : '000000') : current.code
          const newPassword = step === 'weak_password' ? 'short' : `Fresh-Password-${password++}`
          const result = await world.reset({
            clientId: step === 'other_client' ? 'another-client' : 'web',
            password: newPassword,
            identifier: aliceEmail,
            otpToken,
            otp,
          })
          const fresh = log.events.slice(before)

          if (failure !== undefined) {
            expect(fresh.map((event) => event.type)).toEqual(['otp_verification_failed', 'password_reset_rejected'])
            expect(fresh[0]).toMatchObject({ reason: failure })
            if (failure === 'wrong_code') {
              token.attempts++
              wrongAt.push(world.clock.now())
              expect(fresh[0]).toMatchObject({ attemptsLeft: MAX_ATTEMPTS - token.attempts })
            }
            expect(fresh[1]).toMatchObject({ code: result._unsafeUnwrapErr().code })
            expect(fresh[1]).not.toHaveProperty('userId') // nothing about the account before the code is proven
          } else if (step === 'weak_password') {
            expect(fresh).toEqual([expect.objectContaining({ type: 'password_reset_rejected', code: 'invalid_new_password', userId: 'alice', rules: ['min_length'] })])
          } else {
            expect(fresh).toEqual([expect.objectContaining({ type: 'password_reset_succeeded', userId: 'alice' })])
            token.consumed = true
          }
        }

        const subject = createPseudonymizer(pseudonymKey)(aliceEmail)
        for (const event of log.events) {
          expect(event).toMatchObject({ channel: 'email', subject })
          expect(event.at).toBeTypeOf('number')
        }
        expect(log.ofType('otp_sent')).toHaveLength(1 + plan.filter((step) => step === 'fresh_code').length)
        expect(JSON.stringify(log.events)).not.toContain(aliceEmail.value)
        if (log.ofType('otp_verification_failed').some((event) => event.reason === 'identifier_budget_spent')) runsReachingTheBudget++
      }),
      { numRuns: 100 },
    )
    // The generator must reach the rarest reason, or the model is not really exercised.
    expect(runsReachingTheBudget).toBeGreaterThan(5)
  })

  it('events are stamped by the use case’s clock and name the client that asked', async () => {
    const log = createCapturingAuditLog()
    const world = await makeWorld({ audit: { log, pseudonymKey } })
    world.clock.set(Date.UTC(2026, 10, 23, 12))
    await world.resetWith('Fresh-Password-1', aliceEmail, 'mobile')
    expect(log.events).toEqual([
      expect.objectContaining({ type: 'otp_sent', at: Date.UTC(2026, 10, 23, 12), clientId: 'mobile' }),
      expect.objectContaining({ type: 'password_reset_succeeded', at: Date.UTC(2026, 10, 23, 12), clientId: 'mobile' }),
    ])
  })

  it('sessions revoked and failed effects are events too', async () => {
    const log = createCapturingAuditLog()
    const world = await makeWorld({
      audit: { log, pseudonymKey },
      reset: {
        sessions: { revokeAllForUser: async () => 3 },
        notifier: { notify: () => Promise.reject(new Error('mail relay down')) },
        afterReset: { attempts: 2, backoffMs: 1, timeoutMs: 50 },
      },
    })
    const result = await world.resetWith('Fresh-Password-1')
    await result._unsafeUnwrap().effects
    expect(log.ofType('sessions_revoked')).toEqual([expect.objectContaining({ userId: 'alice', count: 3 })])
    expect(log.ofType('post_reset_effect_failed')).toEqual([expect.objectContaining({ userId: 'alice', effect: 'notifier.notify', attempts: 2 })])
    // The cause goes to onEffectFailed for the host's logs; the event carries no free text.
    expect(JSON.stringify(log.events)).not.toContain('mail relay down')
  })

  it('a token that expires while its reset is in flight is audited as expired, not consumed', async () => {
    const log = createCapturingAuditLog()
    const slow = createFastTestHasher()
    let clock: { advance(ms: number): void } | undefined
    // The hash takes the token past its 5 minutes: the code was right, the consume comes too late.
    const hasher = { ...slow, hash: async (password: string) => (clock?.advance(5 * 60_000), slow.hash(password)) }
    const world = await makeWorld({ audit: { log, pseudonymKey }, hasher })
    clock = world.clock
    const result = await world.resetWith('Fresh-Password-1')
    expect(result._unsafeUnwrapErr().code).toBe('bad_email_otp_token')
    expect(log.ofType('otp_verification_failed')).toEqual([expect.objectContaining({ reason: 'expired' })])
    expect(world.memoryUsers.get('alice')?.passwordHistory).toEqual([])
  })

  it('a send refused by the limits is an event with its reason', async () => {
    const log = createCapturingAuditLog()
    const sendOtp = createSendOtp({ store: createMemoryOtpStore(), windows: createMemoryWindowBudget(), sender: createCapturingOtpSender(), audit: { log, pseudonymKey }, knownAccountsOnly: { phone_number: false } })
    const command = { clientId: 'web', usage: 'reset_password', identifier: aliceEmail } as const
    await sendOtp(command)
    await sendOtp(command)
    expect(log.events.map((event) => event.type)).toEqual(['otp_sent', 'otp_send_refused'])
    expect(log.ofType('otp_send_refused')[0]).toMatchObject({ reason: 'rate_limited', usage: 'reset_password' })
  })

  it('an audit log that throws or rejects changes no outcome', async () => {
    for (const record of [() => { throw new Error('disk full') }, () => Promise.reject(new Error('disk full'))]) {
      const world = await makeWorld({ audit: { log: { record }, pseudonymKey } })
      expect((await world.resetWith('Fresh-Password-1')).isOk()).toBe(true)
      expect((await world.resetWith('short')).isErr()).toBe(true)
    }
  })

  it('refuses a pseudonym key shorter than 16 bytes, and different keys give unlinkable subjects', () => {
    expect(() => createPseudonymizer('short')).toThrow(TypeError)
    const a = createPseudonymizer('key-one-0123456789')(aliceEmail)
    const b = createPseudonymizer('key-two-0123456789')(aliceEmail)
    expect(a).not.toBe(b)
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })
})

