import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAuditor, createPseudonymizer, silentAuditor } from '../src/audit/auditor.js'
import type { AuditEvent } from '../src/audit/events.js'
import { identifierKey, type Identifier } from '../src/identifier.js'

const key = 'pseudonym-key-0123456789'
const identifier: fc.Arbitrary<Identifier> = fc.oneof(
  fc.stringMatching(/^[a-z]{1,8}(\+[a-z]{0,4})?@[a-z]{1,8}\.com$/).map((value) => ({ channel: 'email' as const, value })),
  fc.stringMatching(/^\+86138\d{8}$/).map((value) => ({ channel: 'phone_number' as const, value })),
)

/** The documented subject: HMAC-SHA-256 of the identifier key, base64url, first 128 bits. */
const subjectOf = (k: string | Uint8Array, id: Identifier): string => createHmac('sha256', k).update(identifierKey(id)).digest('base64url').slice(0, 22)

describe('audit pseudonyms', () => {
  it('a subject is the keyed hash of the identifier’s key: one per mailbox, stable, 128 bits of base64url', () => {
    const pseudonym = createPseudonymizer(key)
    fc.assert(
      fc.property(identifier, (id) => {
        expect(pseudonym(id)).toBe(subjectOf(key, id))
        expect(pseudonym(id)).toMatch(/^[A-Za-z0-9_-]{22}$/)
        expect(pseudonym(id)).not.toContain(id.value)
      }),
    )
  })

  it('the key needs 16 bytes, counted in UTF-8', () => {
    expect(() => createPseudonymizer('k'.repeat(15))).toThrow('pseudonymKey must be at least 16 bytes')
    expect(() => createPseudonymizer(new Uint8Array(15))).toThrow(TypeError)
    expect(() => createPseudonymizer('k'.repeat(16))).not.toThrow()
    expect(() => createPseudonymizer(new Uint8Array(16))).not.toThrow()
    // Eight 'é' are eight UTF-16 units but sixteen bytes.
    expect(() => createPseudonymizer('é'.repeat(8))).not.toThrow()
    expect(() => createAuditor({ log: { record: () => {} }, pseudonymKey: 'short' })).toThrow(TypeError)
  })

  it('a key buffer reused by the caller afterwards does not change the subjects', () => {
    const buffer = new TextEncoder().encode(key)
    const pseudonym = createPseudonymizer(buffer)
    const id: Identifier = { channel: 'email', value: 'alice@example.com' }
    const before = pseudonym(id)
    buffer.fill(0)
    expect(pseudonym(id)).toBe(before)
    expect(before).toBe(subjectOf(key, id))
  })
})

describe('the auditor', () => {
  it('stamps each event with the clock’s time, the channel and the subject, keeping the draft’s fields', () => {
    fc.assert(
      fc.property(identifier, fc.integer({ min: 0, max: 2 ** 42 }), fc.string({ maxLength: 10 }), (id, now, clientId) => {
        const events: AuditEvent[] = []
        const auditor = createAuditor({ log: { record: (event) => void events.push(event) }, pseudonymKey: key }, { now: () => now })
        auditor.record(id, { type: 'otp_sent', clientId, usage: 'reset_password' })
        auditor.recordTransport({ type: 'request_throttled', scope: 'ip', route: 'otp_send', source: 's' })
        expect(events).toEqual([
          { type: 'otp_sent', clientId, usage: 'reset_password', at: now, channel: id.channel, subject: subjectOf(key, id) },
          { type: 'request_throttled', scope: 'ip', route: 'otp_send', source: 's', at: now },
        ])
        // A log line's fields in one order: the draft's, then the stamps.
        expect(events.map((event) => Object.keys(event))).toEqual([
          ['type', 'clientId', 'usage', 'at', 'channel', 'subject'],
          ['type', 'scope', 'route', 'source', 'at'],
        ])
        expect(auditor.pseudonym(identifierKey(id))).toBe(subjectOf(key, id))
      }),
    )
  })

  it('a log or clock that throws, or a log that rejects, is swallowed', async () => {
    const id: Identifier = { channel: 'email', value: 'alice@example.com' }
    const draft = { type: 'otp_sent', clientId: 'web', usage: 'reset_password' } as const
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const throwing = createAuditor({ log: { record: () => { throw new Error('disk full') } }, pseudonymKey: key })
      const rejecting = createAuditor({ log: { record: () => Promise.reject(new Error('disk full')) }, pseudonymKey: key })
      const brokenClock = createAuditor({ log: { record: () => {} }, pseudonymKey: key }, { now: () => { throw new Error('no clock') } })
      for (const auditor of [throwing, rejecting, brokenClock]) {
        expect(() => auditor.record(id, draft)).not.toThrow()
        expect(() => auditor.recordTransport({ type: 'request_throttled', scope: 'ip', route: 'otp_send', source: 's' })).not.toThrow()
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('without options, nothing is recorded and no key is needed', () => {
    expect(createAuditor(undefined)).toBe(silentAuditor)
  })
})
