import { DeliveryFailedError, PortUnavailableError } from '@resetkit/core'
import { UNREACHABLE_ERRNOS } from '@resetkit/core/internal'

// Twilio REST error codes met when creating a message (twilio.com/docs/api/errors).
const RECIPIENT = new Set([
  21211, // Invalid 'To' phone number
  21214, // 'To' phone number cannot be reached
  21408, // Permission to send to this region not enabled
  21610, // The recipient replied STOP
  21612, // Cannot route to this number
  21614, // 'To' is not a valid mobile number
])
const QUOTA = new Set([10001, 20005]) // account not active: out of funds, or suspended
const RATE_LIMITED = new Set([14107]) // message send rate limit exceeded

/**
 * A failed `messages.create` as a typed failure; what is thrown names Twilio's error code only,
 * never its message (which may quote the number) or the request (which holds the code).
 * - a number Twilio will not or cannot serve → `recipient_refused` (`malformed_phone_number`);
 * - an account out of funds → `quota_exhausted` (`insufficient_sms_quota`);
 * - its send-rate limit → `rate_limited` (`sms_rate_limit_exceeded`);
 * - 429 and 5xx answers, timeouts and connection failures → `PortUnavailableError` (503);
 * - anything else (credentials, a From number not yours) → a plain error: configuration.
 */
export function twilioFailure(error: unknown): Error {
  const { code, status } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; status?: unknown }
  const twilioCode = typeof code === 'number' ? code : undefined
  const cause = new Error(`twilio ${twilioCode ?? (typeof code === 'string' ? code : 'error')} ${typeof status === 'number' ? status : ''}`.trim())
  if (twilioCode !== undefined && RECIPIENT.has(twilioCode)) return new DeliveryFailedError('recipient_refused', { cause })
  if (twilioCode !== undefined && QUOTA.has(twilioCode)) return new DeliveryFailedError('quota_exhausted', { cause })
  if (twilioCode !== undefined && RATE_LIMITED.has(twilioCode)) return new DeliveryFailedError('rate_limited', { cause })
  if (typeof status === 'number' && (status === 429 || status >= 500)) return new PortUnavailableError('twilio', { cause })
  if (typeof status !== 'number') {
    // No HTTP answer at all: a timeout, a refused or dropped connection.
    if (typeof code !== 'string' || UNREACHABLE_ERRNOS.has(code) || /^(ECONNABORTED|ERR_|ESOCKETTIMEDOUT|ETIMEDOUT)/.test(code)) return new PortUnavailableError('twilio', { cause })
  }
  return cause
}
