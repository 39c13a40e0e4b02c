import type { AuditEvent, AuditEventType, AuditLog, Clock, Notifier, OtpDelivery, OtpSender, PasswordChangedNotice } from '@resetkit/core'

export interface CapturingOtpSender extends OtpSender {
  readonly deliveries: readonly OtpDelivery[]
  /** The newest code sent to `to`, if any. */
  lastCodeFor(to: string): string | undefined
}

/** Keeps every delivery instead of sending it: read the codes back in tests. */
export function createCapturingOtpSender(): CapturingOtpSender {
  const deliveries: OtpDelivery[] = []
  return {
    deliveries,
    async send(delivery) {
      deliveries.push({ ...delivery })
    },
    lastCodeFor: (to) => deliveries.findLast((delivery) => delivery.to === to)?.code,
  }
}

export interface ControllableClock extends Clock {
  advance(ms: number): void
  set(epochMs: number): void
}

/** A clock that moves only when told to. */
export function createControllableClock(startMs = Date.UTC(2026, 0, 1)): ControllableClock {
  let now = startMs
  return {
    now: () => now,
    advance: (ms) => {
      now += ms
    },
    set: (epochMs) => {
      now = epochMs
    },
  }
}

export interface CapturingNotifier extends Notifier {
  readonly notices: readonly PasswordChangedNotice[]
}

/** Keeps every notice instead of sending it. */
export function createCapturingNotifier(): CapturingNotifier {
  const notices: PasswordChangedNotice[] = []
  return {
    notices,
    async notify(notice) {
      notices.push({ ...notice })
    },
  }
}

export interface CapturingAuditLog extends AuditLog {
  readonly events: readonly AuditEvent[]
  /** The events of one type, in order, typed. */
  ofType<T extends AuditEventType>(type: T): readonly Extract<AuditEvent, { type: T }>[]
}

/** Keeps every audit event in memory, in order. */
export function createCapturingAuditLog(): CapturingAuditLog {
  const events: AuditEvent[] = []
  return {
    events,
    record(event) {
      events.push(event)
    },
    ofType: <T extends AuditEventType>(type: T) => events.filter((event): event is Extract<AuditEvent, { type: T }> => event.type === type),
  }
}
