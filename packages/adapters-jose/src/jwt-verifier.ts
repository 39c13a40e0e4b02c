import { PortUnavailableError } from '@resetkit/core'
import type { AccessTokenVerifier } from '@resetkit/http'
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose'
import { MAX_TOKEN_LENGTH, scopesOf, whoseToken } from './endpoint.js'
import { secureEndpoint } from '@resetkit/core/internal'

/** Asymmetric signatures only: an HMAC "signed" with a public key, or `none`, is never accepted. */
export type JwtAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA' | 'Ed25519'
const ASYMMETRIC = new Set<string>(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'])

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export type ClientIdClaim = 'client_id' | 'azp' | 'aud'

export interface JwtVerifierOptions {
  /** The provider's JWKS (`jwks_uri` in its discovery document). HTTPS, or HTTP on loopback. */
  readonly jwksUrl: string | URL
  /** Expected `iss`, exactly. */
  readonly issuer: string | readonly string[]
  /** Expected `aud` (this CIAM sets it to the client id: give your clients' ids). */
  readonly audience?: string | readonly string[]
  /** Default RS256, ES256, EdDSA. Only asymmetric algorithms may be listed. */
  readonly algorithms?: readonly JwtAlgorithm[]
  /** Leeway for `exp`, `nbf` and `iat`; default 5 s. */
  readonly clockToleranceSeconds?: number
  /** Where the client id is read, first present wins; default `client_id`, then `azp`, then a single-valued `aud`. */
  readonly clientIdFrom?: readonly ClientIdClaim[]
  /**
   * An unknown `kid` refetches the JWKS at most once per cooldown (default 30 s), so a flood
   * of forged `kid`s cannot make us hammer the provider; keys are cached up to `cacheMaxAgeMs`
   * (default 10 min) and a fetch times out after `timeoutMs` (default 5 s).
   */
  readonly jwks?: { readonly cooldownMs?: number; readonly cacheMaxAgeMs?: number; readonly timeoutMs?: number }
}

function clientIdOf(payload: JWTPayload, claims: readonly ClientIdClaim[]): string | undefined {
  for (const claim of claims) {
    const value: unknown = payload[claim]
    if (typeof value === 'string' && value !== '') return value
    if (claim === 'aud' && Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0]
  }
  return undefined
}

// The JWKS could not be fetched: the provider is down or slow, not the token bad.
const isKeySetUnavailable = (error: unknown): boolean =>
  error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID') || (error instanceof TypeError && /fetch/i.test(error.message))

/**
 * An `AccessTokenVerifier` for JWT access tokens from an OIDC provider: signature against the
 * provider's JWKS (jose's remote key set), `iss`, `aud`, `exp`/`nbf` with a small leeway, an
 * algorithm allow-list. Any token that fails any check is `null` (401); a JWKS that cannot be
 * fetched is `PortUnavailableError` (503).
 *
 * @example
 * const tokens = createJwtAccessTokenVerifier({ jwksUrl: 'https://idp.example/oauth2/jwks', issuer: 'https://idp.example', audience: ['my-spa'] })
 */
export function createJwtAccessTokenVerifier(options: JwtVerifierOptions): AccessTokenVerifier {
  const algorithms = [...(options.algorithms ?? ['RS256', 'ES256', 'EdDSA'])]
  for (const algorithm of algorithms) if (!ASYMMETRIC.has(algorithm)) throw new TypeError(`algorithm ${algorithm} is not allowed: only asymmetric signatures`)
  const keys = createRemoteJWKSet(secureEndpoint('jwksUrl', options.jwksUrl), {
    cooldownDuration: options.jwks?.cooldownMs ?? 30_000,
    cacheMaxAge: options.jwks?.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.jwks?.timeoutMs ?? 5_000,
  })
  const claims = options.clientIdFrom ?? ['client_id', 'azp', 'aud']
  const verifyOptions = {
    issuer: typeof options.issuer === 'string' ? options.issuer : [...options.issuer],
    ...(options.audience === undefined ? {} : { audience: typeof options.audience === 'string' ? options.audience : [...options.audience] }),
    algorithms,
    clockTolerance: options.clockToleranceSeconds ?? 5,
    requiredClaims: ['exp'],
  }

  return {
    async verify(token) {
      // Exactly a JWS in compact form: base64url decoders skip stray characters, we do not.
      if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) return null
      try {
        const { payload } = await jwtVerify(token, keys, verifyOptions)
        const clientId = clientIdOf(payload, claims)
        const scopes = scopesOf(payload['scope'])
        return clientId === undefined || scopes === undefined ? null : { clientId, scopes, ...whoseToken(payload) }
      } catch (error) {
        if (isKeySetUnavailable(error)) throw new PortUnavailableError('jwks', { cause: new Error((error as Error).name) })
        return null
      }
    },
  }
}
