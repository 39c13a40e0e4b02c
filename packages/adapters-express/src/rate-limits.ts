import { normaliseIdentifier, type CountryCode } from '@resetkit/core'
import { errorResponse, wireError, type HttpBody } from '@resetkit/http'
import type { Request, RequestHandler, Response } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'

export interface RateLimitWindow {
  readonly windowMs: number
  readonly limit: number
}

export interface RateLimitOptions {
  /** Requests per client IP (IPv6 grouped by /56). Default 60 a minute. */
  readonly perIp?: RateLimitWindow
  /** Requests per normalised email or phone number. Default 20 per 15 minutes. */
  readonly perIdentifier?: RateLimitWindow
}

/** The normalised identifier a body names, if it names exactly one we can read. */
function identifierKey(body: HttpBody | undefined, region: CountryCode): string | undefined {
  if (body === undefined || body.kind === 'too_large') return undefined
  let value: unknown
  try {
    value = body.kind === 'parsed' ? body.value : JSON.parse(body.text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const fields = value as Record<string, unknown>
  for (const channel of ['email', 'phone_number'] as const) {
    const raw = Object.hasOwn(fields, channel) ? fields[channel] : undefined
    if (typeof raw !== 'string') continue
    const identifier = normaliseIdentifier(channel, raw, region)
    if (identifier.isOk()) return `${channel}:${identifier.value.value}`
  }
  return undefined
}

function tooManyRequests(req: Request, res: Response): void {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime
  const seconds = resetTime === undefined ? 60 : Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000))
  const response = errorResponse(wireError('too_many_requests', 'Too many requests; try again later.', { 'retry-after': String(seconds) }))
  res.status(response.status).set(response.headers).end(response.body)
}

/**
 * express-rate-limit (a widely used, maintained limiter) per IP and per identifier. The body
 * must already be read into `res.locals.resetkitBody`, so the identifier can be keyed.
 */
export function createRateLimiters(options: RateLimitOptions, region: CountryCode): RequestHandler[] {
  const perIp = options.perIp ?? { windowMs: 60_000, limit: 60 }
  const perIdentifier = options.perIdentifier ?? { windowMs: 15 * 60_000, limit: 20 }
  const common = { standardHeaders: 'draft-8', legacyHeaders: false, handler: tooManyRequests } as const
  return [
    rateLimit({ ...common, ...perIp, keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}` }),
    rateLimit({
      ...common,
      ...perIdentifier,
      skip: (_req, res) => identifierKey(res.locals['resetkitBody'] as HttpBody | undefined, region) === undefined,
      keyGenerator: (_req, res) => identifierKey(res.locals['resetkitBody'] as HttpBody | undefined, region) ?? '',
    }),
  ]
}
