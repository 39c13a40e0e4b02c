const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * An endpoint we fetch keys or verdicts from: HTTPS, or plain HTTP on loopback only (a local
 * test server, a sidecar). Anything else could be read or rewritten on the way.
 */
export function secureEndpoint(name: string, value: string | URL): URL {
  const url = new URL(value)
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url
  throw new TypeError(`${name} must be an https:// URL (plain http is allowed on loopback only)`)
}

/** Tokens longer than this are refused before any parsing: real access tokens are a few KiB. */
export const MAX_TOKEN_LENGTH = 8192

/** `scope` as a JSON array (this CIAM) or a space-separated string (RFC 8693, most providers). */
export function scopesOf(claim: unknown): string[] | undefined {
  if (typeof claim === 'string') return claim.split(' ').filter((scope) => scope !== '')
  if (Array.isArray(claim) && claim.every((scope) => typeof scope === 'string')) return claim
  return undefined
}
