import { DeliveryFailedError, PortUnavailableError } from '@resetkit/core'

// Per-number status codes of SendSms (Tencent Cloud SMS API 2021-01-11, error code list).
const RATE_LIMITS: Readonly<Record<string, number>> = {
  'LimitExceeded.PhoneNumberThirtySecondLimit': 30,
  'LimitExceeded.PhoneNumberOneHourLimit': 3600,
  'LimitExceeded.PhoneNumberDailyLimit': 86_400,
  'LimitExceeded.PhoneNumberSameContentDailyLimit': 86_400,
  'LimitExceeded.DeliveryFrequencyLimit': 60,
}
const QUOTA = new Set(['FailedOperation.InsufficientBalanceInSmsPackage', 'LimitExceeded.AppDailyLimit', 'LimitExceeded.AppCountryOrRegionDailyLimit', 'LimitExceeded.AppMainlandChinaDailyLimit', 'LimitExceeded.AppGlobalDailyLimit', 'FailedOperation.InsufficientBalance'])
const RECIPIENT = new Set(['InvalidParameterValue.IncorrectPhoneNumber', 'FailedOperation.PhoneNumberInBlacklist', 'FailedOperation.PhoneNumberParseFail', 'UnsupportedOperation.UnsupportedRegion', 'FailedOperation.PhoneNumberOnBlacklist'])
const TRANSIENT = /^(InternalError|RequestLimitExceeded|ResourceUnavailable|FailedOperation\.(?:JsonParseFail|FailResolvePacket))/

/**
 * A Tencent error code as a typed failure. The code names a reason, never the number; the
 * provider's message (which may quote the number) is dropped.
 * - rate limits per number → `rate_limited` (`sms_rate_limit_exceeded`), with the window to wait;
 * - package balance or the app's daily caps → `quota_exhausted` (`insufficient_sms_quota`);
 * - a number it cannot or will not serve → `recipient_refused` (`malformed_phone_number`);
 * - internal errors and API throttling → `PortUnavailableError` (503);
 * - anything else (credentials, signature or template not approved) → a plain error: configuration.
 */
export function tencentFailure(code: string): Error {
  const cause = new Error(`tencent sms ${code}`)
  const wait = RATE_LIMITS[code]
  if (wait !== undefined) return new DeliveryFailedError('rate_limited', { cause, retryAfterSeconds: wait })
  if (QUOTA.has(code)) return new DeliveryFailedError('quota_exhausted', { cause })
  if (RECIPIENT.has(code)) return new DeliveryFailedError('recipient_refused', { cause })
  if (TRANSIENT.test(code)) return new PortUnavailableError('tencent-sms', { cause })
  return cause
}

/** What the SDK threw: an API error (with `code`), or a transport failure (without one), never with its message. */
export function sdkFailure(error: unknown): Error {
  const { code, httpCode } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; httpCode?: unknown }
  if (typeof code === 'string' && code !== '') return tencentFailure(code)
  return new PortUnavailableError('tencent-sms', { cause: new Error(`tencent sms transport ${typeof httpCode === 'number' ? httpCode : 'error'}`) })
}
