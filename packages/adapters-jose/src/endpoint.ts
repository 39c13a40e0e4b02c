/** Tokens longer than this are refused before any parsing: real access tokens are a few KiB. */
export const MAX_TOKEN_LENGTH = 8192

/** `scope` as a JSON array (this CIAM) or a space-separated string (RFC 8693, most providers). */
export function scopesOf(claim: unknown): string[] | undefined {
  if (typeof claim === 'string') return claim.split(' ').filter((scope) => scope !== '')
  if (Array.isArray(claim) && claim.every((scope) => typeof scope === 'string')) return claim
  return undefined
}
