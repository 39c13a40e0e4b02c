import { sha256Hex } from '@resetkit/core/internal'
import {
  type AccessTokenInfo,
  type AccessTokenSeed,
  type AccessTokenVerifier,
  type ClientRecord,
  type ClientRegistry,
  type ClientSeed,
} from '@resetkit/http'

/** Clients in a Map; secrets are hashed on the way in. */
export function createMemoryClientRegistry(seeds: readonly ClientSeed[]): ClientRegistry {
  const clients = new Map<string, ClientRecord>(
    seeds.map((seed) => [seed.id, { id: seed.id, type: seed.type, secretHash: seed.secret === undefined ? null : sha256Hex(seed.secret) }]),
  )
  return { findById: async (clientId) => clients.get(clientId) ?? null }
}

/** Opaque access tokens in a Map keyed by their SHA-256, for demos and tests. */
export function createMemoryAccessTokens(seeds: readonly AccessTokenSeed[]): AccessTokenVerifier {
  const tokens = new Map<string, AccessTokenInfo>(
    seeds.map(({ token, clientId, scopes, subject, sessionId }) => [
      sha256Hex(token),
      { clientId, scopes: [...scopes], ...(subject === undefined ? {} : { subject }), ...(sessionId === undefined ? {} : { sessionId }) },
    ]),
  )
  return { verify: async (token) => tokens.get(sha256Hex(token)) ?? null }
}
