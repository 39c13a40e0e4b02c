import type { ClientAuthFailure } from '@resetkit/core'
import type { AccessTokenVerifier, ClientRegistry } from './ports.js'
import { digestsEqual, sha256Hex } from '@resetkit/core/internal'
import { err, errAsync, ok, type Result, type ResultAsync } from 'neverthrow'
import { CHALLENGES, wireError, type WireError } from './http-errors.js'
import type { PresentedCredentials } from './client-credentials.js'
import type { WireCaller } from './wire-call.js'

export interface ClientAuthDeps {
  readonly clients: ClientRegistry
  /** Needed only to accept `Authorization: Bearer`; without it bearer calls are refused. */
  readonly tokens?: AccessTokenVerifier
}


/** `error`, marked for the audit trail as a refused bearer token and why (the client, when the token named one). */
export const bearerFailure = (error: WireError, reason: ClientAuthFailure, clientId?: string): WireError => ({
  ...error,
  authFailure: { reason, method: 'bearer', ...(clientId === undefined ? {} : { clientId }) },
})

/**
 * Decides which client is calling. Web clients must prove their secret (compared as SHA-256
 * digests in constant time); public clients (spa, native) must send none; a bearer token must
 * carry the `openid` scope and names its client.
 */
export function authenticateClient(deps: ClientAuthDeps, call: WireCaller, presented: PresentedCredentials): ResultAsync<string, WireError> {
  if (presented.method === 'bearer') {
    const { tokens } = deps
    if (tokens === undefined) return errAsync(bearerFailure(wireError('invalid_client', 'Bearer tokens are not accepted here.', CHALLENGES.invalidToken), 'bearer_not_accepted'))
    return call('tokens.verify', () => tokens.verify(presented.token)).andThen((info) => {
      if (info === null) return err(bearerFailure(wireError('invalid_client', 'The access token is not valid.', CHALLENGES.invalidToken), 'invalid_token'))
      if (!info.scopes.includes('openid')) {
        return err(bearerFailure(wireError('insufficient_scope', 'The access token lacks the openid scope.', CHALLENGES.insufficientScope), 'insufficient_scope', info.clientId))
      }
      if (presented.bodyClientId !== null && presented.bodyClientId !== info.clientId) {
        return err(bearerFailure(wireError('invalid_request', 'client_id does not match the access token.'), 'client_id_mismatch', info.clientId))
      }
      return ok(info.clientId)
    })
  }
  // One answer for every reason, so a caller learns nothing about which clients exist.
  const refused = (reason: ClientAuthFailure, clientId?: string): Result<string, WireError> =>
    err({
      ...wireError('invalid_client', 'Client authentication failed.', CHALLENGES.basic),
      authFailure: { reason, method: presented.via, ...(clientId === undefined ? {} : { clientId }) },
    })
  return call('clients.findById', () => deps.clients.findById(presented.clientId)).andThen((client) => {
    if (client === null) return refused('unknown_client')
    if (client.type === 'web') {
      const { secretHash } = client
      if (presented.clientSecret === null || secretHash === null) return refused('missing_secret', client.id)
      return digestsEqual(sha256Hex(presented.clientSecret), secretHash) ? ok(client.id) : refused('wrong_secret', client.id)
    }
    // Public clients cannot keep a secret; one that sends a secret is misconfigured or forged.
    return presented.clientSecret === null ? ok(client.id) : refused('secret_from_public_client', client.id)
  })
}
