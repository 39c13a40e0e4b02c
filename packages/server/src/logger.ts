import type { AuditLog } from '@resetkit/core'

/**
 * The part of a structured logger resetkit writes to: pino's `Logger` fits as it is, and so
 * does anything with the same three methods (a pino-compatible wrapper, a test double).
 */
export interface StructuredLogger {
  info(fields: object, message: string): void
  error(fields: object, message: string): void
  child(bindings: Record<string, unknown>): StructuredLogger
}

/**
 * Audit events as log lines, `{"component":"audit","type":"otp_sent",...}`, queryable by field.
 * Events carry no secret and no free text, so the logger needs no redaction for them.
 *
 * @example
 * const audit = { log: createLoggerAuditLog(pino()), pseudonymKey: process.env.AUDIT_PSEUDONYM_KEY! }
 */
export function createLoggerAuditLog(logger: StructuredLogger): AuditLog {
  const audit = logger.child({ component: 'audit' })
  return { record: (event) => audit.info(event, event.type) }
}

/** The class of a failure, never its message: a driver's message may quote the values it was given. */
export const errorKind = (cause: unknown): string => (cause instanceof Error ? cause.name : typeof cause)
