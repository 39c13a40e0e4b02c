import { fromRateLimiterFlexible, type RateLimiter } from '@resetkit/http'
import type { Pool } from 'pg'
import { RateLimiterPostgres } from 'rate-limiter-flexible'
import { asPortError, guardPool, reportToStderr, type PoolErrorListener } from './connection.js'

export interface PostgresRateLimiterOptions {
  /** Keeps several limiters apart in one table, e.g. `ip:` and `id:`. */
  readonly keyPrefix: string
  readonly limit: number
  readonly windowSeconds: number
  /** Where `migrate` put `resetkit_rate_limits`; default `public`. */
  readonly schema?: string
  readonly onPoolError?: PoolErrorListener
}

/**
 * An HTTP rate limit shared by every instance, on rate-limiter-flexible's `RateLimiterPostgres`
 * (one upsert per request in the table `migrate` creates, expired rows cleared through an
 * index). While the database cannot be reached a request is refused with
 * `503 temporarily_unavailable`, never let through unlimited.
 *
 * @example
 * const perIp = createPostgresRateLimiter(pool, { keyPrefix: 'ip:', limit: 60, windowSeconds: 60 })
 */
export function createPostgresRateLimiter(pool: Pool, options: PostgresRateLimiterOptions): RateLimiter {
  guardPool(pool, options.onPoolError ?? reportToStderr)
  const limiter = fromRateLimiterFlexible(
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'resetkit_rate_limits',
      schemaName: options.schema ?? 'public',
      tableCreated: true,
      clearExpiredByTimeout: true,
      keyPrefix: options.keyPrefix,
      points: options.limit,
      duration: options.windowSeconds,
    }),
  )
  return {
    consume: (key) =>
      limiter.consume(key).catch((error: unknown) => {
        throw asPortError(error)
      }),
  }
}
