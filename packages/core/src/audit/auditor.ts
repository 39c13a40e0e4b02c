import { hmacSha256 } from '../crypto/digest.js'
import { systemClock } from '../system.js'
import { identifierKey, type Identifier } from '../identifier.js'
import type { Clock } from '../ports.js'
import type { AuditDraft, AuditEvent, AuditLog, TransportAuditDraft } from './events.js'

export interface AuditOptions {
  readonly log: AuditLog
  /**
   * The key of the subject pseudonyms, at least 16 bytes. Keep it secret and stable: the same
   * identifier then gets the same subject across events, instances and restarts, and nobody
   * without the key can test a guessed address against the log.
   */
  readonly pseudonymKey: string | Uint8Array
}

/** What the use cases call; stamps time and pseudonym, and never lets the log fail a request. */
export interface Auditor {
  record(identifier: Identifier, draft: AuditDraft): void
  /** For the transport's events, which have no proven identifier. */
  recordTransport(draft: TransportAuditDraft): void
  /** The keyed hash of any text; of an `identifierKey`, that identifier's subject. */
  pseudonym(text: string): string
}

export const silentAuditor: Auditor = { record: () => {}, recordTransport: () => {}, pseudonym: () => '' }

const MIN_KEY_BYTES = 16

function keyedHash(key: string | Uint8Array): (text: string) => string {
  // A copy: a caller reusing its buffer must not change the subjects already handed out.
  const keyBytes = typeof key === 'string' ? new TextEncoder().encode(key) : Uint8Array.from(key)
  if (keyBytes.byteLength < MIN_KEY_BYTES) throw new TypeError(`pseudonymKey must be at least ${MIN_KEY_BYTES} bytes`)
  return (text) => hmacSha256(keyBytes, text, 'base64url').slice(0, 22)
}

/** A keyed hash, so the log links events of one person without holding their address. */
export function createPseudonymizer(key: string | Uint8Array): (identifier: Identifier) => string {
  const hash = keyedHash(key)
  return (identifier) => hash(identifierKey(identifier))
}

/**
 * The draft's fields, then the stamps', in that order, as `{ ...draft, ...stamps }` would give
 * them. Not written so: on Node 20's V8 an object that gains fields after a leading spread gets
 * a hidden class of its own, so every event had a new shape and each access to it (the log's
 * serialiser's) missed its inline cache; assigned into an empty literal, events of one type share one.
 */
const stamped = <D extends object, S extends object>(draft: D, stamps: S): D & S => Object.assign({}, draft, stamps)

export function createAuditor(options: AuditOptions | undefined, clock: Clock = systemClock): Auditor {
  if (options === undefined) return silentAuditor
  const { log } = options
  const hash = keyedHash(options.pseudonymKey)
  // An audit log (or clock) that throws or rejects must not change what the user is told;
  // the log's own alerting is the place to notice it.
  const emit = (build: () => AuditEvent): void => {
    try {
      const pending = log.record(build())
      // Stryker disable next-line ConditionalExpression: equivalent, undefined.catch would throw into the catch below, which swallows it too
      if (pending !== undefined) pending.catch(() => {})
    } catch {
      // swallowed, as above
    }
  }
  return {
    record: (identifier, draft) => emit(() => stamped(draft, { at: clock.now(), channel: identifier.channel, subject: hash(identifierKey(identifier)) })),
    recordTransport: (draft) => emit(() => stamped(draft, { at: clock.now() })),
    pseudonym: hash,
  }
}
