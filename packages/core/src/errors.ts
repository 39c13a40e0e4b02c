import type { DeliveryFailedError } from './delivery.js'
import type { Channel, PolicyViolation } from './ports.js'

export interface RecurrentPasswordError {
  readonly code: 'recurrent_password'
  readonly description: string
}

/** The new password breaks the policy; every violated rule is listed, not only the first. */
export interface InvalidNewPasswordError {
  readonly code: 'invalid_new_password'
  readonly description: string
  readonly violations: readonly PolicyViolation[]
}

export interface UserNotFoundError {
  readonly code: 'user_not_found'
  readonly description: string
}

export interface AbnormalUserStatusError {
  readonly code: 'abnormal_user_status'
  readonly description: string
}

/** A signed-in change: the old password given is not the current one. */
export interface WrongOldPasswordError {
  readonly code: 'wrong_old_password'
  readonly description: string
}

/** A signed-in change: the new password is the current one. */
export interface DuplicatePasswordError {
  readonly code: 'duplicate_password'
  readonly description: string
}

export type BadOtpTokenCode = 'bad_email_otp_token' | 'bad_phone_number_otp_token'
export type BadOtpCode = 'bad_email_otp' | 'bad_phone_number_otp'

export interface BadOtpTokenError {
  readonly code: BadOtpTokenCode
  readonly description: string
}

export interface BadOtpError {
  readonly code: BadOtpCode
  readonly description: string
}

/**
 * A send refused by the resend limits. `retryAfterSeconds` is always at least 1.
 */
export interface TooManyRequestsError {
  readonly code: 'too_many_requests'
  readonly description: string
  readonly retryAfterSeconds: number
}

/**
 * Infrastructure failed: a port threw, rejected or did not answer in time. `cause` is for logs
 * the host controls; adapters must never serialise it to a client.
 */
export interface ServerError {
  readonly code: 'server_error' | 'temporarily_unavailable'
  readonly description: string
  readonly port: string
  readonly cause?: unknown
}

export type OtpError = BadOtpTokenError | BadOtpError

export type ResetPasswordError =
  | RecurrentPasswordError
  | InvalidNewPasswordError
  | UserNotFoundError
  | AbnormalUserStatusError
  | OtpError
  | TooManyRequestsError
  | ServerError

/**
 * A code that will not be delivered, in the words `/otp/send` documents: a spent quota or
 * budget, a recipient the provider or the SMS policy refuses, one number's send limit.
 */
export interface DeliveryRefusedError {
  readonly code: 'insufficient_sms_quota' | 'insufficient_email_quota' | 'invalid_email' | 'malformed_phone_number' | 'sms_rate_limit_exceeded'
  readonly description: string
  /** When waiting helps and how long (≥ 1), if known: sent as `Retry-After`. */
  readonly retryAfterSeconds?: number
}

/** The `HumanCheck` port said no, or the request carried no token for it. */
export interface HumanCheckFailedError {
  readonly code: 'human_check_failed'
  readonly description: string
}

export type SendOtpError = TooManyRequestsError | DeliveryRefusedError | HumanCheckFailedError | ServerError

export type ChangePasswordError =
  | WrongOldPasswordError
  | DuplicatePasswordError
  | RecurrentPasswordError
  | InvalidNewPasswordError
  | UserNotFoundError
  | AbnormalUserStatusError
  | TooManyRequestsError
  | ServerError

/** Every wire code the library can produce. */
export type ErrorCode = ResetPasswordError['code'] | SendOtpError['code'] | ChangePasswordError['code']

export const recurrentPassword = (): RecurrentPasswordError => ({
  code: 'recurrent_password',
  description: 'The new password was used recently.',
})

export const invalidNewPassword = (violations: readonly PolicyViolation[]): InvalidNewPasswordError => ({
  code: 'invalid_new_password',
  description: violations.map((violation) => violation.message).join(' '),
  violations,
})

export const userNotFound = (): UserNotFoundError => ({
  code: 'user_not_found',
  description: 'No user has this identifier.',
})

export const userFrozen = (): AbnormalUserStatusError => ({
  code: 'abnormal_user_status',
  description: 'User is frozen.',
})

export const userLocked = (): AbnormalUserStatusError => ({
  code: 'abnormal_user_status',
  description: 'User is locked.',
})

/** The CIAM's two texts for an account that may not change its password. */
export const abnormalStatus = (status: 'frozen' | 'locked'): AbnormalUserStatusError => (status === 'locked' ? userLocked() : userFrozen())

export const wrongOldPassword = (): WrongOldPasswordError => ({
  code: 'wrong_old_password',
  description: 'The old password is wrong.',
})

export const duplicatePassword = (): DuplicatePasswordError => ({
  code: 'duplicate_password',
  description: 'The new password is the current one.',
})

export const badOtpToken = (channel: Channel): BadOtpTokenError => ({
  code: channel === 'email' ? 'bad_email_otp_token' : 'bad_phone_number_otp_token',
  description: 'The OTP token is wrong, expired, used, or was issued for other parameters.',
})

export const badOtp = (channel: Channel): BadOtpError => ({
  code: channel === 'email' ? 'bad_email_otp' : 'bad_phone_number_otp',
  description: 'The OTP is wrong or expired.',
})

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000))

export const tooManyRequests = (
  retryAfterMs: number,
  description = 'Too many codes requested; wait before asking again.',
): TooManyRequestsError => ({
  code: 'too_many_requests',
  description,
  retryAfterSeconds: seconds(retryAfterMs),
})

export const smsRateLimitExceeded = (retryAfterMs?: number): DeliveryRefusedError => ({
  code: 'sms_rate_limit_exceeded',
  description: 'SMS rate limit exceeded for same phone number.',
  ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: seconds(retryAfterMs) }),
})

export const deliveryQuotaSpent = (channel: Channel, retryAfterMs?: number): DeliveryRefusedError => ({
  ...(channel === 'email'
    ? { code: 'insufficient_email_quota', description: 'The email quota is exhausted.' }
    : { code: 'insufficient_sms_quota', description: 'The SMS quota is exhausted.' }),
  ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: seconds(retryAfterMs) }),
})

export const smsRecipientRefused = (reason: 'not_mobile' | 'region_not_allowed'): DeliveryRefusedError => ({
  code: 'malformed_phone_number',
  description: reason === 'not_mobile' ? 'The phone number is not a mobile number.' : 'Codes are not sent by SMS to this region.',
})

export const humanCheckFailed = (missing: boolean): HumanCheckFailedError => ({
  code: 'human_check_failed',
  description: missing ? 'A human check token is required.' : 'The human check failed.',
})

/** The CIAM's answer when a code could not be delivered and nobody said why. */
export const deliveryUnavailable = (cause: unknown): ServerError => ({
  code: 'temporarily_unavailable',
  description: 'Failed to send OTP. Please try again later.',
  port: 'otp.send',
  cause,
})

export const serverError = (port: string, cause: unknown): ServerError => ({
  code: 'server_error',
  description: 'An internal error occurred.',
  port,
  cause,
})

export const temporarilyUnavailable = (port: string): ServerError => ({
  code: 'temporarily_unavailable',
  description: 'A backing service did not answer in time.',
  port,
})

/** What a provider's typed refusal becomes on the wire (see `DeliveryFailedError`). */
export const deliveryRefused = (channel: Channel, failure: DeliveryFailedError): DeliveryRefusedError | TooManyRequestsError => {
  const email = channel === 'email'
  switch (failure.reason) {
    case 'quota_exhausted':
      return deliveryQuotaSpent(channel)
    case 'recipient_refused':
      return email
        ? { code: 'invalid_email', description: 'The mailbox does not exist or cannot receive mail.' }
        : { code: 'malformed_phone_number', description: 'The phone number cannot receive SMS.' }
    case 'rate_limited':
      return email
        ? tooManyRequests((failure.retryAfterSeconds ?? 60) * 1000, 'Too many emails to this address; try again later.')
        : smsRateLimitExceeded(failure.retryAfterSeconds === undefined ? undefined : failure.retryAfterSeconds * 1000)
  }
}
