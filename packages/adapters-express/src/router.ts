import {
  createResetkitHttp,
  DEFAULT_BODY_LIMIT_BYTES,
  errorResponse,
  servedPaths,
  wireError,
  type HttpHeaders,
  type HttpResponse,
  type ResetkitHttpDeps,
} from '@resetkit/http'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { parsedByHost, readBody } from './read-body.js'

export interface ResetkitRouterOptions extends ResetkitHttpDeps {
  /** Largest body accepted, in bytes; default 16 KiB. */
  readonly bodyLimitBytes?: number
}

function send(res: Response, response: HttpResponse): void {
  // Node's own setHeader and end, not res.send or res.set: Express must not add a content type,
  // a charset or an ETag of its own, and its per-header checks cost more than the rest of the
  // write. Not writeHead either: headers written before the body is known make it chunked, where
  // end(body) sends one write with a Content-Length.
  res.statusCode = response.status
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value)
  res.end(response.body)
}

/**
 * Headers as the Fetch API presents them: lower-case names, repeated ones joined with ", ".
 * (Node keeps only the first Authorization or Content-Type; joining makes both transports see
 * the same request, so a doubled header is refused alike.)
 */
function fetchStyleHeaders(req: Request): HttpHeaders {
  // From rawHeaders (name, value, name, value…): headersDistinct would build an array for each.
  // No prototype, so a header named like an Object member is just a header.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>
  const raw = req.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    const value = raw[i + 1]!
    const earlier = headers[name]
    headers[name] = earlier === undefined ? value : `${earlier}, ${value}`
  }
  return headers
}

export const BODY_ALREADY_PARSED =
  'resetkit: a body parser (express.json()?) read the request body before createResetkitRouter. ' +
  'Mount the router before your body parsers: its limit (16 KiB), its errors and its reading of JSON would otherwise be replaced by theirs.'

let warned = false

// The host parser's limit and errors would replace the contract's, so the request is refused,
// loudly: once as a process warning, and on every request to onServerError.
function refuseParsedBody(options: ResetkitRouterOptions, res: Response): void {
  if (!warned) {
    warned = true
    process.emitWarning(BODY_ALREADY_PARSED, { code: 'RESETKIT_BODY_ALREADY_PARSED' })
  }
  options.onServerError?.({ code: 'server_error', description: BODY_ALREADY_PARSED, port: 'express', cause: new Error(BODY_ALREADY_PARSED) })
  send(res, errorResponse(wireError('server_error')))
}

/**
 * Express middleware serving `POST /otp/send`, `POST /reset_user_password` and, when
 * `changePassword` is given, `POST /change_user_password` (any other path goes on to `next`). It
 * reads its own body, so mount it before `express.json()` or any other body parser: a request
 * whose body a parser already read is refused (500, and `BODY_ALREADY_PARSED` as a process
 * warning and to `onServerError`). The client IP for rate limits is `req.ip`, so set Express's
 * `trust proxy` to match your proxies.
 *
 * @example
 * app.use(createResetkitRouter({ sendOtp, resetPassword, clients, tokens, rateLimit: createDefaultRateLimits() }))
 */
export function createResetkitRouter(options: ResetkitRouterOptions): RequestHandler {
  const handle = createResetkitHttp(options)
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES
  const paths = new Set(servedPaths(options))

  const serve = async (req: Request, res: Response): Promise<void> => {
    if (req.method === 'POST' && parsedByHost(req)) return refuseParsedBody(options, res)
    const response = await handle({
      method: req.method,
      path: req.path,
      headers: fetchStyleHeaders(req),
      body: req.method === 'POST' ? await readBody(req, limit) : { kind: 'text', text: '' },
      ...(req.ip === undefined ? {} : { clientIp: req.ip }),
    })
    send(res, response)
  }
  // A plain middleware, not an express.Router: a nested router's matching and bookkeeping cost
  // more per request than this whole adapter. Paths match exactly, as the wire contract names them.
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!paths.has(req.path)) return next()
    // A throw here is a bug; it is answered in the contract's words, on Express 4 as on 5.
    serve(req, res).catch((error: unknown) => {
      if (res.headersSent) return next(error)
      send(res, errorResponse(wireError('server_error')))
    })
  }
}
