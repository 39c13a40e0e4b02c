/** Tokens longer than this are refused before any parsing: real access tokens are a few KiB. */
export const MAX_TOKEN_LENGTH = 8192

/** `scope` as a JSON array (this CIAM) or a space-separated string (RFC 8693, most providers). */
export function scopesOf(claim: unknown): string[] | undefined {
  if (typeof claim === 'string') return claim.split(' ').filter((scope) => scope !== '')
  if (Array.isArray(claim) && claim.every((scope) => typeof scope === 'string')) return claim
  return undefined
}

/** A claim that must be a non-empty string to count (`sub`, `sid`), or undefined. */
export const stringClaim = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined)

/** The token's user and session, when it names them: `sub` and OIDC's `sid`. */
export function whoseToken(claims: { readonly sub?: unknown; readonly sid?: unknown }): { subject?: string; sessionId?: string } {
  const subject = stringClaim(claims.sub)
  const sessionId = stringClaim(claims.sid)
  return { ...(subject === undefined ? {} : { subject }), ...(sessionId === undefined ? {} : { sessionId }) }
}
