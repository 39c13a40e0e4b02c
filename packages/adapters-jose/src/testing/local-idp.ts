import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type KeyAlgorithm = 'RS256' | 'ES256' | 'EdDSA'

interface SigningKey {
  readonly kid: string
  readonly alg: KeyAlgorithm
  readonly privateKey: CryptoKey
  readonly jwk: JWK
}

/** How the local provider answers its next requests. */
export type IdpBehaviour = 'normal' | 'down' | 'slow'

export interface LocalIdp {
  readonly issuer: string
  readonly jwksUrl: string
  readonly introspectionUrl: string
  /** The credentials the introspection endpoint accepts (HTTP Basic). */
  readonly introspectionClient: { readonly id: string; readonly secret: string }
  /** Signs claims with the current key (or a given one); `iss` and timestamps are filled in unless given. */
  sign(claims: JWTPayload, options?: { readonly alg?: KeyAlgorithm; readonly kid?: string; readonly key?: 'current' | 'unpublished' }): Promise<string>
  /** Publishes a new current key (the old one stays published unless `drop`). */
  rotate(options?: { readonly drop?: boolean }): Promise<void>
  /** An opaque token the introspection endpoint answers for, with these fields. */
  issueOpaque(fields: Record<string, unknown>): string
  revokeOpaque(token: string): void
  behave(next: IdpBehaviour): void
  /** Requests served so far, per path. */
  readonly requests: { jwks: number; introspection: number }
  close(): Promise<void>
}

async function newKey(alg: KeyAlgorithm, kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } }
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  let body = ''
  for await (const chunk of request) body += String(chunk)
  return body
}

/**
 * A local OIDC provider for tests: a JWKS endpoint with rotating keys of three algorithms and
 * an RFC 7662 introspection endpoint, on a free loopback port.
 */
export async function startLocalIdp(): Promise<LocalIdp> {
  let serial = 0
  const keys: Record<KeyAlgorithm, SigningKey[]> = { RS256: [], ES256: [], EdDSA: [] }
  for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) keys[alg].push(await newKey(alg, `${alg}-${++serial}`))
  const unpublished = await newKey('RS256', 'RS256-1')
  let behaviour: IdpBehaviour = 'normal'
  const requests = { jwks: 0, introspection: 0 }
  const opaque = new Map<string, Record<string, unknown>>()
  const client = { id: 'resetkit-rs', secret: 'introspection secret:%/&' }

  const json = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
  const server = createServer((request, response) => {
    void (async () => {
      if (behaviour === 'down') return void request.socket.destroy()
      if (behaviour === 'slow') await new Promise((resolve) => setTimeout(resolve, 10_000))
      if (request.url === '/oauth2/jwks') {
        requests.jwks++
        return json(response, 200, { keys: Object.values(keys).flat().map(({ jwk }) => jwk) })
      }
      if (request.url === '/oauth2/introspect' && request.method === 'POST') {
        requests.introspection++
        // RFC 6749 §2.3.1: each part form-urlencoded, then Base64.
        const [scheme, encoded = ''] = (request.headers.authorization ?? '').split(' ')
        const [id = '', secret = ''] = Buffer.from(encoded, 'base64').toString('utf8').split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')))
        if (scheme !== 'Basic' || id !== client.id || secret !== client.secret) return json(response, 401, { error: 'invalid_client' })
        const token = new URLSearchParams(await readBody(request)).get('token') ?? ''
        const fields = opaque.get(token)
        return json(response, 200, fields === undefined ? { active: false } : { active: true, ...fields })
      }
      json(response, 404, { error: 'not_found' })
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    issuer: base,
    jwksUrl: `${base}/oauth2/jwks`,
    introspectionUrl: `${base}/oauth2/introspect`,
    introspectionClient: client,
    async sign(claims, { alg = 'RS256', kid, key = 'current' } = {}) {
      const signing = key === 'unpublished' ? unpublished : (keys[alg].at(-1) as SigningKey)
      const now = Math.floor(Date.now() / 1000)
      return new SignJWT({ iss: base, iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: signing.alg, kid: kid ?? signing.kid, typ: 'JWT' })
        .sign(signing.privateKey)
    },
    async rotate({ drop = false } = {}) {
      for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
        const fresh = await newKey(alg, `${alg}-${++serial}`)
        keys[alg] = drop ? [fresh] : [...keys[alg], fresh]
      }
    },
    issueOpaque(fields) {
      const token = `opaque-${++serial}-${Math.random().toString(36).slice(2)}`
      opaque.set(token, fields)
      return token
    },
    revokeOpaque: (token) => void opaque.delete(token),
    behave: (next) => {
      behaviour = next
    },
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
