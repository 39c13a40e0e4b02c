/**
 * How an `OtpSender` says why a code could not be delivered, when the provider told it: the
 * use case then answers the `/otp/send` code the CIAM documents for it instead of a bare
 * `server_error`. A provider that cannot be reached is `PortUnavailableError` instead
 * (`temporarily_unavailable`, 503).
 *
 * - `quota_exhausted`: the account's SMS or email quota is spent (`insufficient_sms_quota`,
 *   `insufficient_email_quota`).
 * - `recipient_refused`: the provider refuses this address or number: no such mailbox, a
 *   blocklist, not a mobile number (`invalid_email`, `malformed_phone_number`).
 * - `rate_limited`: the provider's own per-recipient limit (`sms_rate_limit_exceeded`; for email,
 *   which the CIAM documents no code for, `too_many_requests`).
 *
 * Recognised by a registered symbol rather than `instanceof`, so two copies of core agree.
 */
const DELIVERY_FAILED = Symbol.for('resetkit.delivery-failed')

export type DeliveryFailure = 'quota_exhausted' | 'recipient_refused' | 'rate_limited'

export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError'
  readonly [DELIVERY_FAILED] = true
  readonly reason: DeliveryFailure
  /** For `rate_limited`: when the provider said to try again, if it did. */
  readonly retryAfterSeconds: number | undefined
  constructor(reason: DeliveryFailure, options: { readonly cause?: unknown; readonly retryAfterSeconds?: number } = {}) {
    // The message names the reason only: a provider's own message may quote the recipient.
    super(`delivery failed: ${reason}`, { cause: options.cause })
    this.reason = reason
    this.retryAfterSeconds = options.retryAfterSeconds
  }
}

export function deliveryFailureOf(cause: unknown): DeliveryFailedError | undefined {
  return typeof cause === 'object' && cause !== null && (cause as { [DELIVERY_FAILED]?: unknown })[DELIVERY_FAILED] === true ? (cause as DeliveryFailedError) : undefined
}
