import { fromRateLimiterFlexible, type RateLimiter, type RateLimitWindow } from '@resetkit/http'
import type { Redis } from 'ioredis'
import { RateLimiterRedis } from 'rate-limiter-flexible'
import { guarded, watchConnection, type RedisConnectionListener } from './connection.js'

export interface RedisRateLimiterOptions extends RateLimitWindow {
  /** Prepended to every key, e.g. 'myapp:resetkit:ip:'. */
  readonly keyPrefix: string
  /** As for `createRedisOtpStore`; whichever of the two is made first with a client decides. */
  readonly onConnection?: RedisConnectionListener
}

/**
 * An HTTP rate limit shared by every instance, on rate-limiter-flexible's `RateLimiterRedis`
 * (counters with Redis-side expiry, so instance clocks do not matter). While Redis is down a
 * request is refused with `503 temporarily_unavailable`, never let through unlimited.
 *
 * @example
 * const perIp = createRedisRateLimiter(redis, { keyPrefix: 'myapp:ip:', limit: 60, windowSeconds: 60 })
 */
export function createRedisRateLimiter(redis: Redis, { keyPrefix, limit, windowSeconds, onConnection }: RedisRateLimiterOptions): RateLimiter {
  watchConnection(redis, onConnection)
  // rejectIfRedisNotReady: fail at once while disconnected rather than queue behind a reconnect.
  const limiter = fromRateLimiterFlexible(new RateLimiterRedis({ storeClient: redis, keyPrefix, points: limit, duration: windowSeconds, rejectIfRedisNotReady: true }))
  return { consume: (key) => guarded(redis, () => limiter.consume(key)) }
}
