import type { AccessTokenSeed } from '@resetkit/http'
import { isPortUnavailable } from '@resetkit/core'
import { describeAccessTokenVerifierContract, everythingShownOf } from '@resetkit/testing'
import fc from 'fast-check'
import { SignJWT, UnsecuredJWT, exportSPKI, importJWK, type JWK } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createIntrospectionVerifier, createJwtAccessTokenVerifier, MAX_TOKEN_LENGTH, type JwtVerifierOptions } from '../src/index.js'
import { startLocalIdp, type LocalIdp } from '../src/testing/index.js'

let idp: LocalIdp
beforeAll(async () => {
  idp = await startLocalIdp()
})
afterAll(() => idp.close())
beforeEach(() => idp.behave('normal'))

const jwtVerifier = (options: Partial<JwtVerifierOptions> = {}) =>
  createJwtAccessTokenVerifier({ jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: ['spa', 'native'], jwks: { timeoutMs: 500 }, ...options })
const introspectionVerifier = (now?: () => number) =>
  createIntrospectionVerifier({
    endpoint: idp.introspectionUrl,
    issuer: idp.issuer,
    clientId: idp.introspectionClient.id,
    clientSecret: idp.introspectionClient.secret,
    timeoutMs: 500,
    ...(now === undefined ? {} : { now }),
  })

// As this CIAM issues them: aud = the client id, scope as a JSON array.
describeAccessTokenVerifierContract({
  name: 'JWT (jose, local JWKS)',
  make: async (seeds) => {
    const claims = (seed: AccessTokenSeed) => ({ aud: seed.clientId, scope: [...seed.scopes], ...(seed.subject === undefined ? {} : { sub: seed.subject }), ...(seed.sessionId === undefined ? {} : { sid: seed.sessionId }) })
    const tokens = new Map(await Promise.all(seeds.map(async (seed) => [seed.token, await idp.sign(claims(seed))] as const)))
    return { verifier: jwtVerifier(), tokenOf: (seed) => tokens.get(seed) ?? seed }
  },
})
describeAccessTokenVerifierContract({
  name: 'introspection (oauth4webapi, local endpoint)',
  make: (seeds) => {
    const claims = (seed: AccessTokenSeed) => ({ client_id: seed.clientId, scope: seed.scopes.join(' '), exp: Math.floor(Date.now() / 1000) + 300, ...(seed.subject === undefined ? {} : { sub: seed.subject }), ...(seed.sessionId === undefined ? {} : { sid: seed.sessionId }) })
    const tokens = new Map(seeds.map((seed) => [seed.token, idp.issueOpaque(claims(seed))]))
    return { verifier: introspectionVerifier(), tokenOf: (seed) => tokens.get(seed) ?? seed }
  },
})

describe('JWT access tokens', () => {
  const now = () => Math.floor(Date.now() / 1000)

  it('accepts RS256, ES256 and EdDSA; scope as an array or a space-separated string; client from client_id, azp or aud', async () => {
    const verifier = jwtVerifier()
    for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
      expect(await verifier.verify(await idp.sign({ aud: 'spa', scope: ['openid'] }, { alg }))).toEqual({ clientId: 'spa', scopes: ['openid'] })
    }
    expect(await verifier.verify(await idp.sign({ aud: 'spa', scope: 'openid profile' }))).toEqual({ clientId: 'spa', scopes: ['openid', 'profile'] })
    expect(await verifier.verify(await idp.sign({ aud: ['spa', 'native'], azp: 'native', scope: 'openid' }))).toEqual({ clientId: 'native', scopes: ['openid'] })
    expect(await verifier.verify(await idp.sign({ aud: 'spa', client_id: 'native', scope: 'openid' }))).toEqual({ clientId: 'native', scopes: ['openid'] })
    expect(await verifier.verify(await idp.sign({ aud: ['spa', 'native'], scope: 'openid' }))).toBeNull() // no single client named
  })

  it('refuses expired, not-yet-valid, wrong-issuer, wrong-audience, unknown-key, tampered and oversized tokens', async () => {
    const verifier = jwtVerifier({ clockToleranceSeconds: 5 })
    const good = await idp.sign({ aud: 'spa', scope: ['openid'] })
    const [header, payload, signature] = good.split('.')
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), aud: 'native' })).toString('base64url')
    const refused = {
      expired: await idp.sign({ aud: 'spa', scope: ['openid'], iat: now() - 600, exp: now() - 60 }),
      notYetValid: await idp.sign({ aud: 'spa', scope: ['openid'], nbf: now() + 120 }),
      wrongIssuer: await idp.sign({ aud: 'spa', scope: ['openid'], iss: 'https://evil.example' }),
      wrongAudience: await idp.sign({ aud: 'other-client', scope: ['openid'] }),
      unknownKey: await idp.sign({ aud: 'spa', scope: ['openid'] }, { key: 'unpublished', kid: 'RS256-unpublished' }),
      sameKidOtherKey: await idp.sign({ aud: 'spa', scope: ['openid'] }, { key: 'unpublished' }),
      tampered: `${header}.${forgedPayload}.${signature}`,
      noExp: await idp.sign({ aud: 'spa', scope: ['openid'], exp: undefined as unknown as number }),
      oversized: `${good}${'A'.repeat(MAX_TOKEN_LENGTH)}`,
      noScope: await idp.sign({ aud: 'spa' }),
    }
    for (const [name, token] of Object.entries(refused)) expect([name, await verifier.verify(token)]).toEqual([name, null])
    // Within the leeway it still passes.
    expect(await verifier.verify(await idp.sign({ aud: 'spa', scope: ['openid'], iat: now() - 300, exp: now() - 2 }))).not.toBeNull()
  })

  it('never accepts alg none, nor an HMAC signed with the public key as its secret', async () => {
    const verifier = jwtVerifier()
    const none = new UnsecuredJWT({ aud: 'spa', scope: ['openid'], iss: idp.issuer, exp: now() + 300 }).encode()
    const jwks = (await (await fetch(idp.jwksUrl)).json()) as { keys: JWK[] }
    const rsa = jwks.keys.find((key) => key.alg === 'RS256') as JWK
    const pem = await exportSPKI((await importJWK(rsa, 'RS256', { extractable: true })) as CryptoKey)
    const confused = await new SignJWT({ aud: 'spa', scope: ['openid'], iss: idp.issuer, exp: now() + 300 })
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid ?? '' })
      .sign(new TextEncoder().encode(pem))
    expect(await verifier.verify(none)).toBeNull()
    expect(await verifier.verify(confused)).toBeNull()
    expect(() => createJwtAccessTokenVerifier({ jwksUrl: idp.jwksUrl, issuer: idp.issuer, algorithms: ['HS256' as never] })).toThrow(TypeError)
    expect(() => createJwtAccessTokenVerifier({ jwksUrl: 'http://idp.example/jwks', issuer: idp.issuer })).toThrow(TypeError)
  })

  it('follows a key rotation: a token signed with a new key verifies after one refetch', async () => {
    const verifier = jwtVerifier({ jwks: { cooldownMs: 200 } })
    expect(await verifier.verify(await idp.sign({ aud: 'spa', scope: ['openid'] }))).not.toBeNull()
    await idp.rotate()
    await new Promise((resolve) => setTimeout(resolve, 250)) // past the cooldown
    const before = idp.requests.jwks
    expect(await verifier.verify(await idp.sign({ aud: 'spa', scope: ['openid'] }))).not.toBeNull()
    expect(idp.requests.jwks).toBe(before + 1)
  })

  it('a flood of forged kids refetches the JWKS at most once per cooldown', async () => {
    const verifier = jwtVerifier({ jwks: { cooldownMs: 30_000 } })
    await verifier.verify(await idp.sign({ aud: 'spa', scope: ['openid'] }))
    const before = idp.requests.jwks
    const forged = await Promise.all(Array.from({ length: 100 }, (_, i) => idp.sign({ aud: 'spa', scope: ['openid'] }, { kid: `forged-${i}` })))
    const answers = await Promise.all(forged.map((token) => verifier.verify(token)))
    expect(answers.every((answer) => answer === null)).toBe(true)
    expect(idp.requests.jwks - before).toBeLessThanOrEqual(1)
  })

  it('a JWKS that is down or too slow is unavailable (503), not an invalid token', async () => {
    for (const behaviour of ['down', 'slow'] as const) {
      const verifier = jwtVerifier()
      idp.behave(behaviour)
      const token = await idp.sign({ aud: 'spa', scope: ['openid'] })
      const error = await verifier.verify(token).then(() => undefined, (failure: unknown) => failure)
      expect([behaviour, isPortUnavailable(error)]).toEqual([behaviour, true])
    }
  })
})

describe('introspection', () => {
  it('asks once, then reuses an active answer until the token expires; an inactive one is asked again', async () => {
    let clock = Date.now()
    const verifier = introspectionVerifier(() => clock)
    const token = idp.issueOpaque({ client_id: 'spa', scope: 'openid', exp: Math.floor(clock / 1000) + 30 })
    const before = idp.requests.introspection
    expect(await verifier.verify(token)).toEqual({ clientId: 'spa', scopes: ['openid'] })
    expect(await verifier.verify(token)).toEqual({ clientId: 'spa', scopes: ['openid'] })
    expect(idp.requests.introspection - before).toBe(1)
    idp.revokeOpaque(token)
    clock += 31_000 // past exp: the cached answer is gone, the provider now says inactive
    expect(await verifier.verify(token)).toBeNull()
    expect(await verifier.verify('never-issued')).toBeNull()
    expect(await verifier.verify('never-issued')).toBeNull()
    expect(idp.requests.introspection - before).toBe(4)
  })

  it('an endpoint that is down or too slow is unavailable (503)', async () => {
    for (const behaviour of ['down', 'slow'] as const) {
      idp.behave(behaviour)
      const error = await introspectionVerifier().verify('opaque-x').then(() => undefined, (failure: unknown) => failure)
      expect([behaviour, isPortUnavailable(error)]).toEqual([behaviour, true])
    }
  })
})

describe('no token in what fails', () => {
  it('neither verifier puts the token in what it throws', async () => {
    idp.behave('down')
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/), async (secret) => {
        const jwt = await idp.sign({ aud: 'spa', scope: ['openid'], jti: secret })
        for (const [verifier, token] of [[jwtVerifier(), jwt], [introspectionVerifier(), secret]] as const) {
          const error = await verifier.verify(token).then(() => undefined, (failure: unknown) => failure)
          const shown = everythingShownOf(error)
          expect(shown).not.toContain(secret)
          expect(shown).not.toContain(jwt.split('.')[1] ?? '')
        }
      }),
      { numRuns: 15 },
    )
  }, 30_000)
})
