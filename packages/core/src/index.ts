export * from './errors.js'
export * from './ports.js'
export {
  identifierKey,
  normaliseEmail,
  normaliseIdentifier,
  normalisePhoneNumber,
  type Channel,
  type CountryCode,
  type Identifier,
} from './identifier.js'
export { parseResetPasswordCommand, type ParseOptions, type ResetPasswordCommand } from './parse/reset-password-command.js'
export { parseSendOtpCommand, OTP_USAGES, type SendOtpCommand } from './parse/send-otp-command.js'
export { INPUT_LIMITS } from './parse/limits.js'
export {
  createResetPassword,
  type ResetPassword,
  type ResetPasswordDeps,
  type ResetPasswordSuccess,
} from './reset-password.js'
export { runWithRetry, type AfterResetEffect, type EffectReport, type FailedEffectReport, type RetryPolicy } from './after-reset.js'
export { createAuditor, createPseudonymizer, type Auditor, type AuditOptions } from './audit/auditor.js'
export type { AuditEvent, AuditEventType, AuditLog, ClientAuthFailure, TransportAuditDraft, VerificationFailure } from './audit/events.js'
export { createSendOtp, type ResendLimits, type SendOtp, type SendOtpDeps, type SendOtpSuccess } from './send-otp.js'
export { createOtpVerifier, type OtpVerifierOptions } from './otp/verifier.js'
export { codeHashOf, tokenIdOf } from './otp/secrets.js'
export { createPasswordPolicy, MAX_POLICY_LENGTH, type PasswordPolicyOptions } from './policy/password-policy.js'
export { codePointLength, type PasswordRule, type PolicyContext, type PolicyViolation } from './policy/rule.js'
export type { StrengthEstimator, StrengthScore } from './policy/strength.js'
export type { CharacterClass } from './policy/character-classes.js'
export { breachedPassword, type BreachedPasswordOptions } from './policy/breached-passwords.js'
export { createCommonPasswordRule, type CommonPasswordOptions } from './policy/common-passwords.js'
export { isPortUnavailable, PortUnavailableError } from './unavailable.js'
export { callPort, createPortCaller, DEFAULT_PORT_TIMEOUT_MS, type PortCaller } from './port-call.js'
export { constantTimeEqual, sha256Hex } from './crypto/digest.js'
export { systemClock, systemRandom } from './system.js'
