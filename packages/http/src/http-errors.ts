import type { ClientAuthFailure, ErrorCode, ServerError } from '@resetkit/core'

/** The `WWW-Authenticate` challenges (RFC 7617 Basic, RFC 6750 Bearer), one home for each. */
export const CHALLENGES = {
  basic: { 'www-authenticate': 'Basic realm="resetkit", charset="UTF-8"' },
  invalidToken: { 'www-authenticate': 'Bearer error="invalid_token"' },
  insufficientScope: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="openid"' },
  // The CIAM's answer, word for word, at /change_user_password (RFC 6750 §3.1).
  bearerMissing: {
    'www-authenticate': 'Bearer error="invalid_request", error_description="Bearer token not found in the request", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"',
  },
} as const

/** Failures that exist only over HTTP, before the use case is reached. */
export type HttpOnlyCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'insufficient_scope'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'malformed_email'
  | 'invalid_token'

export type WireCode = ErrorCode | HttpOnlyCode

/** The one table from wire code to HTTP status; anything not listed is a 400. */
export const STATUS_BY_CODE: Readonly<Partial<Record<WireCode, number>>> = {
  invalid_client: 401,
  invalid_token: 401,
  insufficient_scope: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  server_error: 500,
  temporarily_unavailable: 503,
}

export const statusOf = (code: WireCode): number => STATUS_BY_CODE[code] ?? 400

/** An error on its way to the wire: code, text, and whatever extra the response needs. */
export interface WireError {
  readonly code: WireCode
  readonly description?: string
  /** Extra JSON members (e.g. `violations`). */
  readonly extra?: Readonly<Record<string, unknown>>
  /** Extra headers (e.g. `WWW-Authenticate`, `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>
  /** Kept for the host's error hook only; never serialised. */
  readonly serverError?: ServerError
  /** Why client authentication failed, for the audit log only; never serialised. */
  readonly authFailure?: { readonly reason: ClientAuthFailure; readonly method?: 'basic' | 'body' | 'bearer'; readonly clientId?: string }
  /** Which limit refused the request and what it counted, for the audit log only; never serialised. */
  readonly throttled?: { readonly scope: 'ip' | 'identifier'; readonly key: string }
}

export const wireError = (code: WireCode, description?: string, headers?: Record<string, string>): WireError => ({
  code,
  // Stryker disable next-line ConditionalExpression: an undefined description or headers member is dropped on the way to the wire (JSON, header spread)
  ...(description === undefined ? {} : { description }),
  // Stryker disable next-line ConditionalExpression: as above
  ...(headers === undefined ? {} : { headers }),
})
