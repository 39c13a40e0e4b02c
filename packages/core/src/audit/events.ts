/**
 * The audit trail's vocabulary. Every event says when, for which client and for which subject
 * (a keyed hash of the normalised identifier, never the address itself), and carries only
 * outcomes and reasons: never a password, code, token or secret.
 */
import type { Channel } from '../identifier.js'
import type { ResetPasswordError } from '../errors.js'
import type { OtpUsage } from '../ports.js'
import type { AfterResetEffect } from '../after-reset.js'

/** Why a presented token and code were not accepted. */
export type VerificationFailure =
  | 'unknown_token'
  | 'expired'
  | 'consumed'
  | 'attempts_exhausted'
  | 'other_client'
  | 'other_usage'
  | 'other_identifier'
  | 'wrong_code'
  /** The identifier's wrong-code budget is spent (any code refused until the window moves). */
  | 'identifier_budget_spent'

interface AuditBase {
  /** Milliseconds since the Unix epoch, from the use case's clock. */
  readonly at: number
  readonly clientId: string
  readonly channel: Channel
  /** HMAC-SHA-256 of `channel:identifier` under the pseudonym key, base64url, 128 bits. */
  readonly subject: string
}

export type AuditEvent =
  | (AuditBase & { readonly type: 'otp_sent'; readonly usage: OtpUsage })
  | (AuditBase & {
      readonly type: 'otp_send_refused'
      readonly usage: OtpUsage
      readonly reason: 'rate_limited' | 'server_error' | 'temporarily_unavailable'
    })
  | (AuditBase & {
      readonly type: 'otp_verification_failed'
      readonly reason: VerificationFailure
      /** For `wrong_code`: wrong codes the token still survives. */
      readonly attemptsLeft?: number
    })
  | (AuditBase & { readonly type: 'password_reset_succeeded'; readonly userId: string })
  | (AuditBase & {
      readonly type: 'password_reset_rejected'
      readonly code: ResetPasswordError['code']
      /** Known once the code was proven and the account found. */
      readonly userId?: string
      /** For `invalid_new_password`: the ids of the rules the password broke. */
      readonly rules?: readonly string[]
    })
  | (AuditBase & {
      readonly type: 'breach_check_unavailable'
      readonly userId: string
      /** What the reset did without an answer: `allowed` (fail-open) or `refused` (fail-closed). */
      readonly outcome: 'allowed' | 'refused'
    })
  | (AuditBase & { readonly type: 'sessions_revoked'; readonly userId: string; readonly count: number })
  | (AuditBase & {
      readonly type: 'post_reset_effect_failed'
      readonly userId: string
      readonly effect: AfterResetEffect
      readonly attempts: number
    })

export type AuditEventType = AuditEvent['type']

/** An event before the auditor stamps it: the identifier is still plain here, in memory only. */
export type AuditDraft = AuditEvent extends infer E ? (E extends AuditEvent ? Omit<E, 'at' | 'channel' | 'subject'> : never) : never
