import type { ChangePasswordError, DeliveryRefusedError, SendOtpError } from '../errors.js'
/**
 * The audit trail's vocabulary. Every event says when, for which client and for which subject
 * (a keyed hash of the normalised identifier, never the address itself), and carries only
 * outcomes and reasons: never a password, code, token or secret.
 */
import type { Channel } from '../ports.js'
import type { ResetPasswordError } from '../errors.js'
import type { OtpUsage } from '../ports.js'

/** The effects run after a successful reset, by the port call that performs each. */
export type AfterResetEffect = 'sessions.revokeAllForUser' | 'notifier.notify'

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

/**
 * Why a send was refused. `*_budget_spent`: a delivery budget (the requester's network, the
 * client's, or the channel's global one: alert on `global_budget_spent`, a pumping wave or a
 * budget set too low); `rate_limited`: the identifier's own limits; `not_mobile` and
 * `region_not_allowed`: the SMS recipient policy; the rest are the wire codes.
 */
export type SendRefusalReason =
  | 'rate_limited'
  | 'network_budget_spent'
  | 'client_budget_spent'
  | 'global_budget_spent'
  | 'not_mobile'
  | 'region_not_allowed'
  | 'human_check_failed'
  | 'server_error'
  | 'temporarily_unavailable'
  | DeliveryRefusedError['code']

/** Why a caller was not accepted as a client, before any use case ran. */
export type ClientAuthFailure =
  | 'malformed_credentials'
  | 'unknown_client'
  | 'wrong_secret'
  | 'missing_secret'
  | 'secret_from_public_client'
  | 'bearer_not_accepted'
  /** `/change_user_password` without `Authorization: Bearer`. */
  | 'bearer_missing'
  /** A valid token that names no user (no `sub`), where a user is needed. */
  | 'no_subject'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'client_id_mismatch'

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
      readonly reason: SendRefusalReason
    })
  /** Known-accounts-only mode: the answer was the usual one, and nothing was delivered. */
  | (AuditBase & { readonly type: 'otp_delivery_skipped'; readonly usage: OtpUsage; readonly reason: 'no_account' | 'inactive_account' })
  /** Known-accounts-only mode: the delivery off the request path gave up (after its retries). */
  | (AuditBase & {
      readonly type: 'otp_delivery_failed'
      readonly usage: OtpUsage
      readonly port: 'users.findByIdentifier' | 'otp.issue' | 'otp.send'
      readonly attempts: number
      readonly reason: SendOtpError['code']
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

  /** A signed-in change: the access token named the user; no identifier was proven, so no subject. */
  | { readonly type: 'password_change_succeeded'; readonly at: number; readonly clientId: string; readonly userId: string }
  | {
      readonly type: 'password_change_rejected'
      readonly at: number
      readonly clientId: string
      readonly userId: string
      /** `wrong_old_password` is a guess at the old password; `too_many_requests`, the user's budget of them spent. */
      readonly code: ChangePasswordError['code']
      readonly rules?: readonly string[]
    }

  /** Transport events: no identifier is proven (or even parsed) yet, so they carry no subject. */
  | {
      readonly type: 'client_authentication_failed'
      readonly at: number
      readonly method?: 'basic' | 'body' | 'bearer'
      readonly reason: ClientAuthFailure
      /** Only a client the registry or a token vouches for: a presented id may be anything. */
      readonly clientId?: string
    }
  | {
      readonly type: 'request_throttled'
      readonly at: number
      readonly scope: 'ip' | 'identifier'
      readonly route: 'otp_send' | 'reset_password' | 'change_password'
      /** Keyed hash of what was counted: for `identifier`, equal to that identifier's `subject`. */
      readonly source: string
    }

export type AuditEventType = AuditEvent['type']

type SubjectEvent = Extract<AuditEvent, { readonly subject: string }>
type TransportEvent = Exclude<AuditEvent, { readonly subject: string }>

/** An event before the auditor stamps it: the identifier is still plain here, in memory only. */
export type AuditDraft = SubjectEvent extends infer E ? (E extends SubjectEvent ? Omit<E, 'at' | 'channel' | 'subject'> : never) : never

/** A transport event before the auditor stamps its time. */
export type TransportAuditDraft = TransportEvent extends infer E ? (E extends TransportEvent ? Omit<E, 'at'> : never) : never

/**
 * Receives the audit trail. Called synchronously in the request; a returned promise is not
 * awaited, and a throw or rejection is swallowed, so make the log durable and alert inside it.
 */
export interface AuditLog {
  record(event: AuditEvent): void | Promise<void>
}
