import { tooManyRequests } from '@resetkit/core'
import { err, ok, okAsync, type ResultAsync } from 'neverthrow'
import type { WireError } from './http-errors.js'
import type { RateLimiter } from './ports.js'
import { fromUseCaseError } from './responses.js'
import type { WireCaller } from './wire-call.js'

/** Counts one request against `limiter` under `key`; a refusal is `429` and names what it counted. */
export function limit(call: WireCaller, limiter: RateLimiter | undefined, scope: 'ip' | 'identifier', key: string): ResultAsync<void, WireError> {
  if (limiter === undefined) return okAsync(undefined)
  return call('rateLimit.consume', () => limiter.consume(key)).andThen((decision) => {
    if (decision.allowed) return ok(undefined)
    return err({ ...fromUseCaseError(tooManyRequests(decision.retryAfterMs, 'Too many requests; try again later.')), throttled: { scope, key } })
  })
}

