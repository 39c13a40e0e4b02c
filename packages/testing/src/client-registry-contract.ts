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

export interface AccessTokenVerifierContractOptions {
  readonly name: string
  readonly make: (tokens: readonly AccessTokenSeed[]) => AccessTokenVerifier | Promise<AccessTokenVerifier>
}

/**
 * @example
 * describeAccessTokenVerifierContract({ name: 'memory', make: createMemoryAccessTokens })
 */
export function describeAccessTokenVerifierContract({ name, make }: AccessTokenVerifierContractOptions): void {
  describe(`AccessTokenVerifier contract: ${name}`, () => {
    it('answers a known token with its client and scopes, and anything else with null', async () => {
      const verifier = await make([{ token: 'tok-1', clientId: 'spa', scopes: ['openid', 'profile'] }])
      expect(await verifier.verify('tok-1')).toEqual({ clientId: 'spa', scopes: ['openid', 'profile'] })
      for (const other of ['tok-2', 'tok-1 ', 'TOK-1', '']) expect(await verifier.verify(other)).toBeNull()
    })
  })
}
