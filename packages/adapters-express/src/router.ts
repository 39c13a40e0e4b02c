import {
  createResetkitHttp,
  DEFAULT_BODY_LIMIT_BYTES,
  errorResponse,
  ROUTES,
  wireError,
  type HttpResponse,
  type ResetkitHttpDeps,
  type WireCode,
} from '@resetkit/http'
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response, type Router } from 'express'
import { createRateLimiters, type RateLimitOptions } from './rate-limits.js'
import { readBody } from './read-body.js'

export interface ResetkitRouterOptions extends ResetkitHttpDeps {
  /** Largest body accepted, in bytes; default 16 KiB. */
  readonly bodyLimitBytes?: number
  /** Per-IP and per-identifier limits; off unless given (`{}` takes the defaults). */
  readonly rateLimit?: RateLimitOptions | false
}

const PATHS = [ROUTES.sendOtp, ROUTES.resetPassword]

export function send(res: Response, response: HttpResponse): void {
  // res.end, not res.send: Express must not add a content type or an ETag of its own.
  res.status(response.status).set(response.headers).end(response.body)
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
    if (res.headersSent || !PATHS.includes(req.path as (typeof PATHS)[number])) return next(error)
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
 * you like. It reads its own body, or uses the one your `express.json()` already parsed.
 *
 * @example
 * app.use(createResetkitRouter({ sendOtp, resetPassword, clients, tokens }))
 */
export function createResetkitRouter(options: ResetkitRouterOptions): Router {
  const handle = createResetkitHttp(options)
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES
  const router = express.Router()

  const readInto = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals['resetkitBody'] = req.method === 'POST' ? await readBody(req, limit) : { kind: 'text', text: '' }
    next()
  }
  const limiters = options.rateLimit === undefined || options.rateLimit === false ? [] : createRateLimiters(options.rateLimit, options.parse?.defaultRegion ?? 'CN')

  router.all(PATHS, readInto, ...limiters, async (req: Request, res: Response) => {
    const response = await handle({
      method: req.method,
      path: req.path,
      headers: req.headers as Record<string, string | undefined>,
      body: res.locals['resetkitBody'],
    })
    send(res, response)
  })

  router.use(PATHS, resetkitErrorHandler())
  return router
}
