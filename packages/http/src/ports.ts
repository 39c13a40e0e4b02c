/**
 * The ports through which the HTTP layer decides who is calling and how often: the client
 * registry, the access-token verifier and the rate limiter. Ports return promises of plain
 * values; anything thrown or rejected becomes a typed server error where it is called.
 */

export type ClientType = 'web' | 'spa' | 'native'

export interface ClientRecord {
  readonly id: string
  readonly type: ClientType
  /** Hex SHA-256 of the secret for `web` clients; null for public clients. */
  readonly secretHash: string | null
}

/** A client as given to a registry (seeding, tests): the secret is plain and stored hashed. */
export interface ClientSeed {
  readonly id: string
  readonly type: ClientType
  readonly secret?: string
}

export interface ClientRegistry {
  findById(clientId: string): Promise<ClientRecord | null>
}

export interface AccessTokenInfo {
  readonly clientId: string
  readonly scopes: readonly string[]
  /** The user the token was issued for (`sub`): who `/change_user_password` changes. */
  readonly subject?: string
  /** The session it belongs to (OIDC `sid`): kept when a change ends the others. */
  readonly sessionId?: string
}

/** An access token as given to a verifier (seeding, tests). */
export interface AccessTokenSeed extends AccessTokenInfo {
  readonly token: string
}

export interface AccessTokenVerifier {
  /** The token's client, scopes and subject, or null for an unknown, expired or revoked token. */
  verify(token: string): Promise<AccessTokenInfo | null>
}

export type RateLimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number }

/**
 * Counts one request under `key`. A port, so every transport and every instance can share one
 * store (memory for one process; Redis for many). Rejecting means the store failed.
 */
export interface RateLimiter {
  consume(key: string): Promise<RateLimitDecision>
}
