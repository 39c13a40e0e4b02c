import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as core from '../src/index.js'
import type { Channel, PolicyViolation } from '../src/index.js'

// The typed errors are the library's answers: each names what went wrong in a sentence a host
// may show, and the provider-refusal marker must survive two copies of core in one process.

const channel = fc.constantFrom<Channel>('email', 'phone_number')
const retryMs = fc.integer({ min: 0, max: 10 ** 9 })
const sentence = /^[A-Z][^]*\S[.?!]$/

const everyError = fc.oneof(
  fc.constantFrom(core.recurrentPassword(), core.userNotFound(), core.userFrozen(), core.userLocked(), core.wrongOldPassword(), core.duplicatePassword()),
  channel.map(core.badOtpToken),
  channel.map(core.badOtp),
  retryMs.map((ms) => core.tooManyRequests(ms)),
  fc.option(retryMs, { nil: undefined }).map(core.smsRateLimitExceeded),
  fc.tuple(channel, fc.option(retryMs, { nil: undefined })).map(([c, ms]) => core.deliveryQuotaSpent(c, ms)),
  fc.constantFrom<'not_mobile' | 'region_not_allowed'>('not_mobile', 'region_not_allowed').map(core.smsRecipientRefused),
  fc.boolean().map(core.humanCheckFailed),
  fc.constant(core.deliveryUnavailable(new Error('x'))),
  fc.string().map((port) => core.serverError(port, undefined)),
  fc.string().map((port) => core.temporarilyUnavailable(port)),
  fc
    .tuple(channel, fc.constantFrom<core.DeliveryFailure>('quota_exhausted', 'recipient_refused', 'rate_limited'), fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }))
    .map(([c, reason, retryAfterSeconds]) => core.deliveryRefused(c, new core.DeliveryFailedError(reason, retryAfterSeconds === undefined ? {} : { retryAfterSeconds }))),
)

describe('typed errors', () => {
  it('every one describes itself in a sentence', () => {
    fc.assert(
      fc.property(everyError, (error) => {
        expect(error.description).toMatch(sentence)
      }),
    )
  })

  it('the codes that share a shape still say different things', () => {
    const texts = [
      core.recurrentPassword(),
      core.userNotFound(),
      core.userFrozen(),
      core.userLocked(),
      core.wrongOldPassword(),
      core.duplicatePassword(),
      core.badOtpToken('email'),
      core.badOtp('email'),
      core.smsRecipientRefused('not_mobile'),
      core.smsRecipientRefused('region_not_allowed'),
      core.humanCheckFailed(true),
      core.humanCheckFailed(false),
      core.deliveryQuotaSpent('email'),
      core.deliveryQuotaSpent('phone_number'),
    ].map((error) => error.description)
    expect(new Set(texts).size).toBe(texts.length)
  })

  it('a refused new password says every broken rule, in order, one sentence after another', () => {
    const violation = fc.record({ rule: fc.constantFrom('min_length', 'max_length', 'strength'), params: fc.constant({}), message: fc.stringMatching(/^[A-Z][a-z ]{0,20}\.$/) }) as fc.Arbitrary<PolicyViolation>
    fc.assert(
      fc.property(fc.array(violation, { minLength: 1, maxLength: 5 }), (violations) => {
        const error = core.invalidNewPassword(violations)
        expect(error.violations).toEqual(violations)
        expect(error.description).toBe(violations.map((v) => v.message).join(' '))
        expect(error.description.split('. ').length).toBe(violations.length)
      }),
    )
  })

  it('a refusal names a wait only when it knows one', () => {
    fc.assert(
      fc.property(channel, fc.option(retryMs, { nil: undefined }), (c, ms) => {
        for (const error of [core.deliveryQuotaSpent(c, ms), core.smsRateLimitExceeded(ms)]) {
          expect(error.retryAfterSeconds).toBe(ms === undefined ? undefined : core.tooManyRequests(ms).retryAfterSeconds)
          expect('retryAfterSeconds' in error).toBe(ms !== undefined)
        }
      }),
    )
  })

  it('a wait is whole seconds, rounded up, at least one', () => {
    fc.assert(
      fc.property(retryMs, (ms) => {
        const { retryAfterSeconds } = core.tooManyRequests(ms)
        expect(Number.isInteger(retryAfterSeconds)).toBe(true)
        expect(retryAfterSeconds).toBeGreaterThanOrEqual(1)
        expect(retryAfterSeconds * 1000).toBeGreaterThanOrEqual(ms)
        expect((retryAfterSeconds - 1) * 1000).toBeLessThan(Math.max(ms, 1))
      }),
    )
  })
})

describe('DeliveryFailedError', () => {
  it('names its reason only (a provider’s message may quote the recipient) and keeps the cause for the host', () => {
    const cause = new Error('550 no such user alice@example.com')
    const error = new core.DeliveryFailedError('recipient_refused', { cause })
    expect([error.name, error.message, error.cause, error.reason, error.retryAfterSeconds]).toEqual(['DeliveryFailedError', 'delivery failed: recipient_refused', cause, 'recipient_refused', undefined])
    expect(String(error)).not.toContain('alice')
    expect(error).toBeInstanceOf(Error)
  })

  it('is recognised by its marker, so a copy from another core counts; nothing else does', () => {
    const fromAnotherCopy = { [Symbol.for('resetkit.delivery-failed')]: true, reason: 'quota_exhausted' }
    expect(core.deliveryFailureOf(fromAnotherCopy)).toBe(fromAnotherCopy)
    const ours = new core.DeliveryFailedError('rate_limited', { retryAfterSeconds: 30 })
    expect(core.deliveryFailureOf(ours)).toBe(ours)
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.constant(new Error('delivery failed: quota_exhausted')), fc.constant({ [Symbol.for('resetkit.delivery-failed')]: 'yes' })), (cause) => {
        expect(core.deliveryFailureOf(cause)).toBeUndefined()
      }),
    )
    for (const nothing of [null, undefined, 0, '', 'delivery failed']) expect(core.deliveryFailureOf(nothing)).toBeUndefined()
  })

  it('a provider’s rate limit on email waits what it said, or a minute; on SMS only what it said', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }), (retryAfterSeconds) => {
        const failure = new core.DeliveryFailedError('rate_limited', retryAfterSeconds === undefined ? {} : { retryAfterSeconds })
        expect(core.deliveryRefused('email', failure)).toMatchObject({ code: 'too_many_requests', retryAfterSeconds: retryAfterSeconds ?? 60 })
        const sms = core.deliveryRefused('phone_number', failure)
        expect(sms.code).toBe('sms_rate_limit_exceeded')
        expect('retryAfterSeconds' in sms ? sms.retryAfterSeconds : undefined).toBe(retryAfterSeconds)
      }),
    )
  })
})
