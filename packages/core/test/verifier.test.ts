import { createCapturingOtpSender, createControllableClock, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Identifier, OtpAttempt } from '../src/index.js'
import { createOtpVerifier, type OtpVerifierOptions } from '../src/otp/verifier.js'
import { createSendOtp } from '../src/send-otp.js'

// The verifier's defaults and edges, which the model tests (explicit options) do not pin.

const alice: Identifier = { channel: 'email', value: 'alice@example.com' }
const bob: Identifier = { channel: 'email', value: 'bob@example.com' }

function world(options: Partial<OtpVerifierOptions> = {}) {
  const clock = createControllableClock()
  const store = createMemoryOtpStore()
  const windows = createMemoryWindowBudget()
  const sender = createCapturingOtpSender()
  const sendOtp = createSendOtp({ store, windows, sender, clock, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false }, ttlSeconds: 300 })
  const verifier = createOtpVerifier({ store, windows, clock, ...options })
  const issue = async (identifier: Identifier = alice): Promise<{ right: OtpAttempt; wrong: OtpAttempt }> => {
    const { otpToken } = (await sendOtp({ clientId: 'web', usage: 'reset_password', identifier }))._unsafeUnwrap()
    const code = sender.lastCodeFor(identifier.value) ?? ''
    const base = { clientId: 'web', usage: 'reset_password', identifier, token: otpToken } as const
    return { right: { ...base, code }, wrong: { ...base, code: code === '000000' ? '000001' : '000000' } }
  }
  return { clock, verifier, issue }
}

describe('defaults', () => {
  it('a token survives 5 wrong codes: the 6th check fails even with the right code', async () => {
    const { verifier, issue } = world({ guessBudget: false })
    const { right, wrong } = await issue()
    const left = []
    for (let i = 0; i < 5; i++) left.push(await verifier.verify(wrong))
    expect(left).toEqual([4, 3, 2, 1, 0].map((attemptsLeft) => ({ outcome: 'bad_code', attemptsLeft })))
    expect(await verifier.verify(right)).toEqual({ outcome: 'bad_token', reason: 'exhausted' })
  })

  it('an identifier sees 10 wrong codes compared per hour, across tokens; its neighbours are untouched', async () => {
    const { verifier, issue, clock } = world({ maxAttempts: 1_000 })
    const { right, wrong } = await issue()
    for (let i = 0; i < 10; i++) expect((await verifier.verify(wrong)).outcome).toBe('bad_code')
    expect(await verifier.verify(right)).toMatchObject({ outcome: 'throttled' })
    const other = await issue(bob)
    expect(await verifier.verify(other.right)).toEqual({ outcome: 'valid' })
    clock.advance(3_600_000 - 1)
    expect((await verifier.verify((await issue()).right)).outcome).toBe('throttled')
    clock.advance(1)
    const fresh = await issue()
    expect(await verifier.verify(fresh.right)).toEqual({ outcome: 'valid' })
  })
})

describe('options', () => {
  it('refuses counts that are not whole numbers ≥ 1, naming them; a budget needs its windows', () => {
    const store = createMemoryOtpStore()
    const windows = createMemoryWindowBudget()
    fc.assert(
      fc.property(fc.constantFrom(0, -1, 1.5, Number.NaN), (bad) => {
        expect(() => createOtpVerifier({ store, windows, maxAttempts: bad })).toThrow(new TypeError(`maxAttempts must be a whole number ≥ 1, got ${bad}`))
        expect(() => createOtpVerifier({ store, windows, guessBudget: { maxWrong: bad } })).toThrow(new TypeError(`guessBudget.maxWrong must be a whole number ≥ 1, got ${bad}`))
        expect(() => createOtpVerifier({ store, windows, guessBudget: { windowSeconds: bad } })).toThrow(new TypeError(`guessBudget.windowSeconds must be a whole number ≥ 1, got ${bad}`))
      }),
    )
    expect(() => createOtpVerifier({ store, guessBudget: { maxWrong: 1, windowSeconds: 1 } })).toThrow(/guessBudget need a WindowBudget/)
    expect(() => createOtpVerifier({ store, guessBudget: false, maxAttempts: 1 })).not.toThrow()
  })
})

describe('expiry and single use', () => {
  it('a code is good until the instant before it expires, not at it', async () => {
    const { verifier, issue, clock } = world()
    const { right } = await issue()
    clock.advance(300_000 - 1)
    expect(await verifier.verify(right)).toEqual({ outcome: 'valid' })
    clock.advance(1)
    expect(await verifier.verify(right)).toEqual({ outcome: 'bad_token', reason: 'expired' })
  })

  it('a lost consume says why: another consumed it, it expired in flight, or the token is unknown', async () => {
    const { verifier, issue, clock } = world()
    const first = await issue()
    expect(await verifier.verify(first.right)).toEqual({ outcome: 'valid' })
    expect(await verifier.consume(first.right)).toBe('won')
    expect(await verifier.consume(first.right)).toBe('consumed')
    await verifier.release(first.right)
    expect(await verifier.consume(first.right)).toBe('won')

    const late = await issue()
    expect(await verifier.verify(late.right)).toEqual({ outcome: 'valid' })
    clock.advance(300_000)
    expect(await verifier.consume(late.right)).toBe('expired')
    expect(await verifier.consume({ ...late.right, token: 'never-issued' })).toBe('unknown')
  })
})
