export * from './errors.js'
export * from './ports.js'
export {
  identifierKey,
  isRegion,
  normaliseEmail,
  normaliseIdentifier,
  normalisePhoneNumber,
  type Channel,
  type CountryCode,
  type Identifier,
} from './identifier.js'
export {
  createResetPassword,
  type ResetPassword,
  type ResetPasswordCommand,
  type ResetPasswordDeps,
  type ResetPasswordSuccess,
} from './reset-password.js'
export {
  createChangePassword,
  type ChangePassword,
  type ChangePasswordCommand,
  type ChangePasswordDeps,
  type ChangePasswordSuccess,
  type OldPasswordBudget,
} from './change-password.js'
export { type AfterResetEffect, type EffectReport, type FailedEffectReport, type RetryPolicy } from './after-reset.js'
export { createPseudonymizer, type AuditOptions } from './audit/auditor.js'
export type { AuditEvent, AuditEventType, AuditLog, ClientAuthFailure, SendRefusalReason, VerificationFailure } from './audit/events.js'
export {
  createSendOtp,
  OTP_USAGES,
  type DeliveryBudgets,
  type ResendLimits,
  type SendOtp,
  type SendOtpCommand,
  type SendOtpDeps,
  type SendOtpSuccess,
  type SendOtpUseCase,
} from './send-otp.js'
export { DEFAULT_DELIVERY_BUDGETS, DEFAULT_RESEND_LIMITS, type WindowRefusal } from './otp/send-windows.js'
export { DEFAULT_SMS_REGIONS, smsRecipientRefusal, type SmsRecipientRefusal } from './otp/sms-recipients.js'
export { sendWorstCase, type SendBound, type SendWorstCase } from './otp/worst-case.js'
export { DEFAULT_BACKGROUND_DELIVERY, type BackgroundDeliveryOptions } from './otp/background-queue.js'
export { createOtpVerifier, type OtpVerifierOptions } from './otp/verifier.js'
export { createPasswordPolicy, MAX_POLICY_LENGTH, type PasswordPolicyOptions } from './policy/password-policy.js'
export { codePointLength, type PasswordRule, type PolicyContext, type PolicyViolation } from './policy/rule.js'
export type { StrengthEstimator, StrengthScore } from './policy/strength.js'
export type { CharacterClass } from './policy/character-classes.js'
export { breachedPassword, type BreachedPasswordOptions } from './policy/breached-passwords.js'
export { createCommonPasswordRule, type CommonPasswordOptions, type CommonPasswordSource } from './policy/common-passwords.js'
export { isPortUnavailable, PortUnavailableError } from './unavailable.js'
export { DeliveryFailedError, deliveryFailureOf, type DeliveryFailure } from './delivery.js'
export { systemClock, systemRandom } from './system.js'
export { notifiersByChannel, sendersByChannel } from './by-channel.js'
