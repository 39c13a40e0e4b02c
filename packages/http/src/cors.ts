import type { HttpHeaders, HttpResponse } from './http-types.js'

/**
 * Cross-origin calls from single-page apps. Off unless given. Origins are exact
 * (`https://app.example.com`, scheme, host and port as the browser sends them): no wildcard,
 * no pattern, and never `Access-Control-Allow-Credentials`, since the contract authenticates
 * with headers and bodies, not cookies.
 */
export interface CorsOptions {
  /** Origins every client may be called from. */
  readonly origins?: readonly string[]
  /**
   * Origins per client id. A response names such an origin only once that client is the one
   * that authenticated (before authentication, any listed origin may read the error).
   */
  readonly originsByClient?: Readonly<Record<string, readonly string[]>>
  /** How long a browser may reuse a preflight answer; default 600 s. */
  readonly maxAgeSeconds?: number
}

export interface Cors {
  /** The answer to a preflight, or undefined when the request is not an allowed one. */
  preflight(headers: HttpHeaders): HttpResponse | undefined
  /** The response with the CORS headers this origin and client are due. */
  decorate(response: HttpResponse, headers: HttpHeaders, clientId: string | undefined): HttpResponse
}

// X-Human-Check-Token: a page may send its human check's token as a header instead of a body field.
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Human-Check-Token'
// Headers a page needs to act on our errors: when to retry, which authentication was asked for.
const EXPOSED_HEADERS = 'Retry-After, WWW-Authenticate'

function assertOrigin(origin: string): void {
  // URL.canParse refuses "null" and anything else that is not a URL; an origin is its own origin.
  if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
    throw new TypeError(`cors: ${JSON.stringify(origin)} is not an origin (scheme://host[:port], no path or trailing slash)`)
  }
}

export function createCors(options: CorsOptions): Cors {
  const everyClient = new Set(options.origins ?? [])
  const byClient = new Map(Object.entries(options.originsByClient ?? {}).map(([clientId, origins]) => [clientId, new Set(origins)]))
  const anyClient = new Set([...everyClient, ...[...byClient.values()].flatMap((origins) => [...origins])])
  for (const origin of anyClient) assertOrigin(origin)
  const maxAge = String(options.maxAgeSeconds ?? 600)

  const allowed = (origin: string | undefined, clientId: string | undefined): origin is string => {
    if (origin === undefined) return false
    if (clientId === undefined) return anyClient.has(origin)
    return everyClient.has(origin) || byClient.get(clientId)?.has(origin) === true
  }

  return {
    preflight(headers) {
      const origin = headers['origin']
      if (!allowed(origin, undefined) || headers['access-control-request-method'] !== 'POST') return undefined
      return {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': maxAge,
          vary: 'Origin',
        },
        body: '',
      }
    },
    decorate(response, headers, clientId) {
      const origin = headers['origin']
      // Vary on every answer: a shared cache must not hand one origin's answer to another.
      const cors: Record<string, string> = { vary: 'Origin' }
      if (allowed(origin, clientId)) {
        cors['access-control-allow-origin'] = origin
        cors['access-control-expose-headers'] = EXPOSED_HEADERS
      }
      // Assigned, not `{ ...response.headers, ...cors }`: see responses.ts.
      return { ...response, headers: Object.assign({}, response.headers, cors) }
    },
  }
}
