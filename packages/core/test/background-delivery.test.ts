import { createCapturingAuditLog, createCapturingOtpSender, createMemoryOtpStore, createMemoryUserStore } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSendOtp, PortUnavailableError, type BackgroundDeliveryOptions, type OtpSender, type OtpStore } from '../src/index.js'
import { ALICE } from './world.js'

// SMS to known accounts only: delivered off the request path, through a bounded queue, with
// retries spaced as configured. What the caller and the audit trail see of it.

afterEach(() => {
  vi.useRealTimers()
})

const alice = { channel: 'phone_number', value: ALICE.phoneNumber ?? '' } as const

function world(options: { background?: BackgroundDeliveryOptions; store?: OtpStore; sender?: OtpSender } = {}) {
  const log = createCapturingAuditLog()
  const sender = createCapturingOtpSender()
  const sendOtp = createSendOtp({
    store: options.store ?? createMemoryOtpStore(),
    sender: options.sender ?? sender,
    users: createMemoryUserStore([ALICE]),
    resendLimits: false,
    deliveryBudgets: false,
    knownAccountsOnly: { phone_number: true },
    audit: { log, pseudonymKey: 'k'.repeat(32) },
    ...(options.background === undefined ? {} : { background: options.background }),
  })
  const send = () => sendOtp({ clientId: 'web', usage: 'reset_password', identifier: alice })
  return { log, sender, sendOtp, send }
}

describe('background delivery options', () => {
  it('concurrency is a whole number ≥ 1, maxQueued one ≥ 0, every retry delay ≥ 0; each refusal names its option', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, -1, 1.5, Number.NaN), (bad) => {
        expect(() => world({ background: { concurrency: bad } })).toThrow(new TypeError(`concurrency must be a whole number ≥ 1, got ${bad}`))
      }),
    )
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => world({ background: { maxQueued: bad } })).toThrow(new TypeError(`maxQueued must be a whole number ≥ 0, got ${bad}`))
    for (const bad of [-1, Number.NaN]) expect(() => world({ background: { retryDelaysMs: [0, bad] } })).toThrow(new TypeError(`retryDelaysMs must be ≥ 0, got ${bad}`))
    expect(() => world({ background: { concurrency: 1, maxQueued: 0, retryDelaysMs: [] } })).not.toThrow()
    expect(() => world({ background: { retryDelaysMs: [0, 0.5] } })).not.toThrow()
  })
})

describe('the queue', () => {
  it('runs `concurrency` deliveries, queues `maxQueued` more, and answers temporarily_unavailable beyond them; all queued ones are delivered', async () => {
    const releases: Array<() => void> = []
    const delivered: string[] = []
    const slow: OtpSender = {
      send: ({ code }) =>
        new Promise<void>((resolve) => {
          releases.push(() => {
            delivered.push(code)
            resolve()
          })
        }),
    }
    const { send, sendOtp } = world({ sender: slow, background: { concurrency: 1, maxQueued: 1 } })
    expect((await send()).isOk()).toBe(true) // running
    expect((await send()).isOk()).toBe(true) // queued
    expect((await send())._unsafeUnwrapErr()).toMatchObject({ code: 'temporarily_unavailable', port: 'otp.background' })
    await vi.waitFor(() => expect(releases).toHaveLength(1))
    releases[0]?.()
    await vi.waitFor(() => expect(releases).toHaveLength(2))
    releases[1]?.()
    await sendOtp.idle()
    expect(delivered).toHaveLength(2)
    // Room again once the queue drained.
    expect((await send()).isOk()).toBe(true)
  })
})

describe('retries', () => {
  /** An OTP store whose first `failures` issues cannot be reached. */
  function flakyStore(failures: number): OtpStore & { issuedAt: number[] } {
    const inner = createMemoryOtpStore()
    const issuedAt: number[] = []
    return Object.assign(Object.create(inner) as OtpStore, {
      issuedAt,
      issue: (record: Parameters<OtpStore['issue']>[0]) => {
        issuedAt.push(Date.now())
        return issuedAt.length <= failures ? Promise.reject(new PortUnavailableError('otp store down')) : inner.issue(record)
      },
    })
  }

  it('a step that got no answer is retried after each configured delay, then delivered', async () => {
    vi.useFakeTimers({ now: 0 })
    const store = flakyStore(2)
    const { send, sendOtp, sender, log } = world({ store, background: { retryDelaysMs: [1_000, 5_000] } })
    // Answered at once, with the code's lifetime counted from now.
    expect((await send())._unsafeUnwrap().expiresAt).toBe(300_000)
    await vi.advanceTimersByTimeAsync(999)
    expect(store.issuedAt).toEqual([0])
    await vi.advanceTimersByTimeAsync(1)
    expect(store.issuedAt).toEqual([0, 1_000])
    await vi.advanceTimersByTimeAsync(5_000)
    await sendOtp.idle()
    expect(store.issuedAt).toEqual([0, 1_000, 6_000])
    expect(sender.lastCodeFor(alice.value)).toMatch(/^\d{6}$/)
    expect(log.events.map((event) => event.type)).toEqual(['otp_sent'])
  })

  it('once the delays are spent, the failure is audited with its step and tries, and nothing is sent', async () => {
    const { send, sendOtp, sender, log } = world({ store: flakyStore(Infinity), background: { retryDelaysMs: [0, 0] } })
    expect((await send()).isOk()).toBe(true)
    await sendOtp.idle()
    expect(sender.lastCodeFor(alice.value)).toBeUndefined()
    expect(log.events).toEqual([expect.objectContaining({ type: 'otp_delivery_failed', port: 'otp.issue', attempts: 3, reason: 'temporarily_unavailable' })])
  })

  it('a provider that stays down is audited as the send step', async () => {
    const down: OtpSender = { send: () => Promise.reject(new PortUnavailableError('sms down')) }
    const { send, sendOtp, log } = world({ sender: down, background: { retryDelaysMs: [0] } })
    await send()
    await sendOtp.idle()
    expect(log.events).toEqual([expect.objectContaining({ type: 'otp_delivery_failed', port: 'otp.send', attempts: 2 })])
  })
})
