import {
  createResetkitHttp,
  DEFAULT_BODY_LIMIT_BYTES,
  errorResponse,
  ROUTES,
  wireError,
  type HttpHeaders,
  type HttpResponse,
  type ResetkitHttpDeps,
  type WireCode,
} from '@resetkit/http'
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response, type Router } from 'express'
import { readBody } from './read-body.js'

export interface ResetkitRouterOptions extends ResetkitHttpDeps {
  /** Largest body accepted, in bytes; default 16 KiB. */
  readonly bodyLimitBytes?: number
}

const PATHS: readonly string[] = [ROUTES.sendOtp, ROUTES.resetPassword]

function send(res: Response, response: HttpResponse): void {
  // res.end, not res.send: Express must not add a content type or an ETag of its own.
  res.status(response.status).set(response.headers).end(response.body)
}

/**
 * Headers as the Fetch API presents them: lower-case names, repeated ones joined with ", ".
 * (Node keeps only the first Authorization or Content-Type; joining makes both transports see
 * the same request, so a doubled header is refused alike.)
 */
function fetchStyleHeaders(req: Request): HttpHeaders {
  const headers: Record<string, string> = {}
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values !== undefined) headers[name] = values.join(', ')
  }
  return headers
}

/**
 * Answers errors on resetkit's paths in the contract's words instead of Express's HTML page.
 * The router uses it for its own errors; mount it after the router too if your app runs
 * `express.json()` before it, since Express never hands a parser's error to a router.
 *
 * @example
 * app.use(express.json(), createResetkitRouter(deps), resetkitErrorHandler())
 */
export function resetkitErrorHandler(): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent || !PATHS.includes(req.path)) return next(error)
    const type = (error as { type?: string } | null)?.type
    const code: WireCode =
      type === 'entity.parse.failed' ? 'invalid_request'
      : type === 'entity.too.large' ? 'payload_too_large'
      : type === 'charset.unsupported' || type === 'encoding.unsupported' ? 'unsupported_media_type'
      : 'server_error'
    send(res, errorResponse(wireError(code)))
  }
}

/**
 * An Express router serving `POST /otp/send` and `POST /reset_user_password`; mount it where
 * you like. It reads its own body, or uses the one your `express.json()` already parsed. The
 * client IP for rate limits is `req.ip`, so set Express's `trust proxy` to match your proxies.
 *
 * @example
 * app.use(createResetkitRouter({ sendOtp, resetPassword, clients, tokens, rateLimit: createDefaultRateLimits() }))
 */
export function createResetkitRouter(options: ResetkitRouterOptions): Router {
  const handle = createResetkitHttp(options)
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES
  const router = express.Router()

  router.all([...PATHS], async (req: Request, res: Response) => {
    const response = await handle({
      method: req.method,
      path: req.path,
      headers: fetchStyleHeaders(req),
      body: req.method === 'POST' ? await readBody(req, limit) : { kind: 'text', text: '' },
      ...(req.ip === undefined ? {} : { clientIp: req.ip }),
    })
    send(res, response)
  })
  router.use([...PATHS], resetkitErrorHandler())
  return router
}
