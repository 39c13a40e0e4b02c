import { DeliveryFailedError, PortUnavailableError } from '@resetkit/core'
import { UNREACHABLE_ERRNOS } from '@resetkit/core/internal'

interface SmtpErrorShape {
  readonly code?: unknown
  readonly responseCode?: unknown
  readonly response?: unknown
  readonly rejectedErrors?: readonly SmtpErrorShape[]
}

// nodemailer's codes for a connection that failed, timed out, or closed mid-message.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'ESTREAM', 'ECONNRESET', 'EMAXLIMIT', ...UNREACHABLE_ERRNOS])

/**
 * A summary safe to keep as a cause: the SMTP code and reply class, never the server's text,
 * which may quote the recipient, or an error object that may hold the message being sent.
 */
const summary = (code: unknown, responseCode: unknown): Error => new Error(`smtp ${typeof code === 'string' ? code : 'error'} ${typeof responseCode === 'number' ? responseCode : ''}`.trim())

/**
 * What a failed nodemailer send means for the use case:
 * - the recipient refused for good (5.1.x: no such mailbox, bad address; 550/551/553) →
 *   `recipient_refused` (`invalid_email`);
 * - a sending quota the server names (Gmail's 5.4.5, SES's "Daily message quota exceeded") →
 *   `quota_exhausted`;
 * - a transient refusal (4xx), a connection refused, reset, timed out or closed mid-message →
 *   `PortUnavailableError` (503, try again);
 * - anything else (bad credentials, a malformed message) → a plain error: a misconfiguration,
 *   answered `server_error`.
 */
export function smtpFailure(error: unknown): Error {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorShape
  const rejected = shape.rejectedErrors?.[0]
  const responseCode = rejected?.responseCode ?? shape.responseCode
  const rawResponse = rejected?.response ?? shape.response
  const response = typeof rawResponse === 'string' ? rawResponse : ''
  const code = shape.code
  const cause = summary(code, responseCode)
  if (/\b[45]\.4\.5\b|quota/i.test(response)) return new DeliveryFailedError('quota_exhausted', { cause })
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500) return new PortUnavailableError('smtp', { cause })
  if (responseCode === 550 || responseCode === 551 || responseCode === 553 || /\b5\.1\.\d\b/.test(response)) return new DeliveryFailedError('recipient_refused', { cause })
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return new PortUnavailableError('smtp', { cause })
  return cause
}
