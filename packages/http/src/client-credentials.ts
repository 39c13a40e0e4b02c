import { err, ok, type Result } from 'neverthrow'
import { CHALLENGES, wireError, type WireError } from './http-errors.js'
import type { HttpHeaders } from './http-types.js'

/** What the caller presented, before anything is checked against the registry. */
export type PresentedCredentials =
  | { readonly method: 'secret'; readonly clientId: string; readonly clientSecret: string | null; readonly via: 'basic' | 'body' }
  | { readonly method: 'bearer'; readonly token: string; readonly bodyClientId: string | null }

const MAX_CREDENTIAL_LENGTH = 1024
// Web-standard decoding (no Buffer), so every runtime decodes Basic credentials alike.
const utf8 = new TextDecoder()

const invalidClient = (description: string): WireError => wireError('invalid_client', description, CHALLENGES.basic)

/** atob throws on a bad length ("A"), so it is caught here, not by the caller's 500 path. */
function decodeBase64(encoded: string): string | null {
  try {
    const binary = atob(encoded)
    // A loop, not Uint8Array.from(binary, fn): that iterates the string and calls fn per byte.
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return utf8.decode(bytes)
  } catch {
    return null
  }
}

function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '))
  } catch {
    return null
  }
}

/**
 * `Basic base64(urlencode(id):urlencode(secret))`: split on the first colon of the decoded
 * text, then URL-decode each side, so ids and secrets may hold ':', '%', '/', '&' or any Unicode.
 */
export function parseBasic(encoded: string): Result<{ clientId: string; clientSecret: string | null }, WireError> {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length > 4 * MAX_CREDENTIAL_LENGTH) {
    return err(invalidClient('Malformed Basic credentials.'))
  }
  const decoded = decodeBase64(encoded)
  if (decoded === null) return err(invalidClient('Malformed Basic credentials.'))
  const colon = decoded.indexOf(':')
  // Stryker disable next-line EqualityOperator: a colon at 0 leaves an empty client id, refused just below
  if (colon < 0) return err(invalidClient('Malformed Basic credentials.'))
  const clientId = decodePart(decoded.slice(0, colon))
  const clientSecret = decodePart(decoded.slice(colon + 1))
  if (clientId === null || clientSecret === null || clientId.length === 0) {
    return err(invalidClient('Malformed Basic credentials.'))
  }
  // "spa:" is a public client presenting its id alone.
  return ok({ clientId, clientSecret: clientSecret === '' ? null : clientSecret })
}

function bodyString(body: Readonly<Record<string, unknown>>, name: string): Result<string | null, WireError> {
  if (!Object.hasOwn(body, name) || body[name] === undefined || body[name] === null) return ok(null)
  const value = body[name]
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CREDENTIAL_LENGTH) {
    return err(wireError('invalid_request', `${name} must be a non-empty string.`))
  }
  return ok(value)
}

/** `<scheme> <value>` of an Authorization header: the scheme lower-cased, the value trimmed ('' when there is none). */
export function authorizationParts(header: string): { readonly scheme: string; readonly value: string } {
  const space = header.indexOf(' ')
  // Stryker disable next-line EqualityOperator: a space at 0 leaves no scheme either way, and both callers refuse one
  if (space < 0) return { scheme: header.toLowerCase(), value: '' }
  return { scheme: header.slice(0, space).toLowerCase(), value: header.slice(space + 1).trim() }
}

/**
 * Reads the credentials from the Authorization header and the body. One client per request:
 * a header and a body that name different clients or secrets is a malformed request.
 */
export function presentedCredentials(
  headers: HttpHeaders,
  body: Readonly<Record<string, unknown>>,
): Result<PresentedCredentials, WireError> {
  // eslint-disable-next-line neverthrow/must-use-result -- handled by isOk()/isErr() below, which the rule does not recognise
  const fromBody = bodyString(body, 'client_id').andThen((clientId) =>
    bodyString(body, 'client_secret').map((clientSecret) => ({ clientId, clientSecret })),
  )
  if (fromBody.isErr()) return err(fromBody.error)
  const { clientId: bodyId, clientSecret: bodySecret } = fromBody.value
  const authorization = headers['authorization']?.trim()

  if (authorization === undefined || authorization === '') {
    if (bodyId === null) return err(invalidClient('Client authentication is required.'))
    return ok({ method: 'secret', clientId: bodyId, clientSecret: bodySecret, via: 'body' })
  }
  const { scheme, value } = authorizationParts(authorization)

  if (scheme === 'bearer') {
    if (value.length === 0 || value.length > MAX_CREDENTIAL_LENGTH) {
      return err(wireError('invalid_client', 'Malformed Bearer token.', CHALLENGES.invalidToken))
    }
    if (bodySecret !== null) return err(wireError('invalid_request', 'Use one client authentication method, not two.'))
    return ok({ method: 'bearer', token: value, bodyClientId: bodyId })
  }
  if (scheme !== 'basic') return err(invalidClient('Unsupported authorization scheme.'))
  return parseBasic(value).andThen(({ clientId, clientSecret }) => {
    const disagrees = (bodyId !== null && bodyId !== clientId) || (bodySecret !== null && bodySecret !== clientSecret)
    if (disagrees) return err(wireError('invalid_request', 'The Authorization header and the body name different credentials.'))
    return ok({ method: 'secret' as const, clientId, clientSecret, via: 'basic' as const })
  })
}
