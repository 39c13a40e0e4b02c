import { PortUnavailableError } from '@resetkit/core'
import { sha256Hex } from '@resetkit/core/internal'
import type { AccessTokenInfo, AccessTokenVerifier } from '@resetkit/http'
import * as oauth from 'oauth4webapi'
import { MAX_TOKEN_LENGTH, scopesOf, whoseToken } from './endpoint.js'
import { secureEndpoint } from '@resetkit/core/internal'

export interface IntrospectionVerifierOptions {
  /** The provider's RFC 7662 endpoint. HTTPS, or HTTP on loopback. */
  readonly endpoint: string | URL
  /** The authorization server's issuer identifier. */
  readonly issuer: string
  /** This resource server's credentials at the provider (HTTP Basic). */
  readonly clientId: string
  readonly clientSecret: string
  /** An active answer is reused until the token's `exp`, and never longer than this; default 60 s. */
  readonly maxCacheSeconds?: number
  /** Answers kept at most; the oldest go first. Default 10,000. */
  readonly maxCacheEntries?: number
  /** A call that has not answered by then is unavailable (503). Default 5 s. */
  readonly timeoutMs?: number
  readonly now?: () => number
}

/**
 * An `AccessTokenVerifier` for opaque tokens, asking the provider (RFC 7662) through
 * oauth4webapi. An active answer is cached by the token's SHA-256 until its `exp` (at most
 * `maxCacheSeconds`), so a token revoked at the provider stops working within that bound; an
 * inactive one is never cached. A provider that cannot answer is `PortUnavailableError` (503).
 *
 * @example
 * const tokens = createIntrospectionVerifier({ endpoint: 'https://idp.example/oauth2/introspect', issuer: 'https://idp.example', clientId: 'resetkit', clientSecret: process.env.INTROSPECTION_SECRET! })
 */
export function createIntrospectionVerifier(options: IntrospectionVerifierOptions): AccessTokenVerifier {
  const endpoint = secureEndpoint('endpoint', options.endpoint)
  const as: oauth.AuthorizationServer = { issuer: options.issuer, introspection_endpoint: endpoint.href }
  const client: oauth.Client = { client_id: options.clientId }
  const auth = oauth.ClientSecretBasic(options.clientSecret)
  const now = options.now ?? Date.now
  const maxCacheMs = (options.maxCacheSeconds ?? 60) * 1000
  const maxEntries = options.maxCacheEntries ?? 10_000
  const timeoutMs = options.timeoutMs ?? 5_000
  const cache = new Map<string, { readonly info: AccessTokenInfo; readonly until: number }>()

  const remember = (key: string, info: AccessTokenInfo, exp: number | undefined): void => {
    const until = Math.min(now() + maxCacheMs, exp === undefined ? Infinity : exp * 1000)
    if (until <= now()) return
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value ?? '')
    cache.set(key, { info, until })
  }

  const ask = async (token: string): Promise<oauth.IntrospectionResponse> => {
    try {
      const response = await oauth.introspectionRequest(as, client, auth, token, {
        signal: AbortSignal.timeout(timeoutMs),
        // Loopback only, checked above: a local provider in tests or a sidecar.
        [oauth.allowInsecureRequests]: endpoint.protocol === 'http:',
      })
      return await oauth.processIntrospectionResponse(as, client, response)
    } catch (error) {
      // Neither the token nor the provider's words: the class is enough to tell what happened.
      throw new PortUnavailableError('introspection', { cause: new Error(error instanceof Error ? error.name : 'error') })
    }
  }

  return {
    async verify(token) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null
      const key = sha256Hex(token)
      const cached = cache.get(key)
      if (cached !== undefined && cached.until > now()) return cached.info
      cache.delete(key)
      const answer = await ask(token)
      if (answer.active !== true) return null
      const clientId = typeof answer.client_id === 'string' && answer.client_id !== '' ? answer.client_id : undefined
      const scopes = scopesOf(answer.scope)
      const exp = typeof answer.exp === 'number' ? answer.exp : undefined
      if (clientId === undefined || scopes === undefined || (exp !== undefined && exp * 1000 <= now())) return null
      const info = { clientId, scopes, ...whoseToken(answer) }
      remember(key, info, exp)
      return info
    },
  }
}
