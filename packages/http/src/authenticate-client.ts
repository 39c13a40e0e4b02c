import { constantTimeEqual, sha256Hex, type AccessTokenVerifier, type ClientRegistry, type PortCaller } from '@resetkit/core'
import { errAsync, okAsync, type ResultAsync } from 'neverthrow'
import { wireError, type WireError } from './http-errors.js'
import type { PresentedCredentials } from './client-credentials.js'
import { fromUseCaseError } from './responses.js'

export interface ClientAuthDeps {
  readonly clients: ClientRegistry
  /** Needed only to accept `Authorization: Bearer`; without it bearer calls are refused. */
  readonly tokens?: AccessTokenVerifier
}

const BEARER_INVALID = { 'www-authenticate': 'Bearer error="invalid_token"' }
const BEARER_SCOPE = { 'www-authenticate': 'Bearer error="insufficient_scope", scope="openid"' }
const BASIC_CHALLENGE = { 'www-authenticate': 'Basic realm="resetkit", charset="UTF-8"' }

/**
 * Decides which client is calling. Web clients must prove their secret (compared as SHA-256
 * digests in constant time); public clients (spa, native) must send none; a bearer token must
 * carry the `openid` scope and names its client.
 */
export function authenticateClient(deps: ClientAuthDeps, call: PortCaller, presented: PresentedCredentials): ResultAsync<string, WireError> {
  if (presented.method === 'bearer') {
    const { tokens } = deps
    if (tokens === undefined) return errAsync(wireError('invalid_client', 'Bearer tokens are not accepted here.', BEARER_INVALID))
    return call('tokens.verify', () => tokens.verify(presented.token)).mapErr(fromUseCaseError).andThen((info) => {
      if (info === null) return errAsync(wireError('invalid_client', 'The access token is not valid.', BEARER_INVALID))
      if (!info.scopes.includes('openid')) return errAsync(wireError('insufficient_scope', 'The access token lacks the openid scope.', BEARER_SCOPE))
      if (presented.bodyClientId !== null && presented.bodyClientId !== info.clientId) {
        return errAsync(wireError('invalid_request', 'client_id does not match the access token.'))
      }
      return okAsync(info.clientId)
    })
  }
  const refused = wireError('invalid_client', 'Client authentication failed.', BASIC_CHALLENGE)
  return call('clients.findById', () => deps.clients.findById(presented.clientId)).mapErr(fromUseCaseError).andThen((client) => {
    if (client === null) return errAsync(refused)
    if (client.type === 'web') {
      const { secretHash } = client
      if (presented.clientSecret === null || secretHash === null) return errAsync(refused)
      return constantTimeEqual(sha256Hex(presented.clientSecret), secretHash) ? okAsync(client.id) : errAsync(refused)
    }
    // Public clients cannot keep a secret; one that sends a secret is misconfigured or forged.
    return presented.clientSecret === null ? okAsync(client.id) : errAsync(refused)
  })
}
