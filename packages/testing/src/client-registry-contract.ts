import { beforeEach, describe, expect, it } from 'vitest'
import { sha256Hex } from '@resetkit/core/internal'
import type { AccessTokenSeed, AccessTokenVerifier, ClientRegistry, ClientSeed } from '@resetkit/http'

export interface ClientRegistryContractOptions {
  readonly name: string
  readonly make: (clients: readonly ClientSeed[]) => ClientRegistry | Promise<ClientRegistry>
}

/**
 * @example
 * describeClientRegistryContract({ name: 'memory', make: createMemoryClientRegistry })
 */
export function describeClientRegistryContract({ name, make }: ClientRegistryContractOptions): void {
  describe(`ClientRegistry contract: ${name}`, () => {
    let registry: ClientRegistry
    beforeEach(async () => {
      registry = await make([
        { id: 'web:app/é', type: 'web', secret: 's3cret:%/&' },
        { id: 'spa', type: 'spa' },
        { id: 'native', type: 'native' },
      ])
    })

    it('finds a web client with the SHA-256 of its secret, never the secret itself', async () => {
      const client = await registry.findById('web:app/é')
      expect(client).toEqual({ id: 'web:app/é', type: 'web', secretHash: sha256Hex('s3cret:%/&') })
      expect(JSON.stringify(client)).not.toContain('s3cret')
    })

    it('finds public clients with no secret', async () => {
      expect(await registry.findById('spa')).toEqual({ id: 'spa', type: 'spa', secretHash: null })
      expect(await registry.findById('native')).toEqual({ id: 'native', type: 'native', secretHash: null })
    })

    it('returns null for an unknown id, matching ids exactly', async () => {
      expect(await registry.findById('ghost')).toBeNull()
      expect(await registry.findById('SPA')).toBeNull()
      expect(await registry.findById('spa ')).toBeNull()
    })
  })
}

/**
 * A verifier under test. A verifier whose tokens are issued elsewhere (JWTs signed by a
 * provider, opaque tokens an introspection endpoint knows) also says which token stands for
 * each seed.
 */
export type VerifierUnderTest = AccessTokenVerifier | { readonly verifier: AccessTokenVerifier; readonly tokenOf: (seedToken: string) => string }

export interface AccessTokenVerifierContractOptions {
  readonly name: string
  readonly make: (tokens: readonly AccessTokenSeed[]) => VerifierUnderTest | Promise<VerifierUnderTest>
}

/**
 * @example
 * describeAccessTokenVerifierContract({ name: 'memory', make: createMemoryAccessTokens })
 */
export function describeAccessTokenVerifierContract({ name, make }: AccessTokenVerifierContractOptions): void {
  describe(`AccessTokenVerifier contract: ${name}`, () => {
    const setUp = async (seeds: readonly AccessTokenSeed[]) => {
      const made = await make(seeds)
      return 'verifier' in made ? made : { verifier: made, tokenOf: (seedToken: string) => seedToken }
    }

    it('answers a known token with its client and scopes, and anything else with null', async () => {
      const { verifier, tokenOf } = await setUp([{ token: 'tok-1', clientId: 'spa', scopes: ['openid', 'profile'] }])
      const token = tokenOf('tok-1')
      expect(await verifier.verify(token)).toEqual({ clientId: 'spa', scopes: ['openid', 'profile'] })
      const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
      for (const other of ['tok-2', `${token} `, token.toUpperCase(), '', tampered]) expect(await verifier.verify(other)).toBeNull()
    })

    it('names the user and the session a token was issued for (subject, sessionId), so a signed-in change knows whose password it is', async () => {
      const { verifier, tokenOf } = await setUp([
        { token: 'user-token', clientId: 'spa', scopes: ['openid'], subject: 'alice', sessionId: 'session-1' },
        { token: 'machine-token', clientId: 'native', scopes: ['openid'] },
      ])
      expect(await verifier.verify(tokenOf('user-token'))).toEqual({ clientId: 'spa', scopes: ['openid'], subject: 'alice', sessionId: 'session-1' })
      expect(await verifier.verify(tokenOf('machine-token'))).toEqual({ clientId: 'native', scopes: ['openid'] })
    })

    it('tells tokens of different clients apart', async () => {
      const { verifier, tokenOf } = await setUp([
        { token: 'a', clientId: 'spa', scopes: ['openid'] },
        { token: 'b', clientId: 'native', scopes: ['profile'] },
      ])
      expect(await verifier.verify(tokenOf('a'))).toEqual({ clientId: 'spa', scopes: ['openid'] })
      expect(await verifier.verify(tokenOf('b'))).toEqual({ clientId: 'native', scopes: ['profile'] })
    })
  })
}
