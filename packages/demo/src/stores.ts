import { createMemoryOtpStore, createMemoryUserStore } from '@resetkit/adapters-memory'
import { createPostgresUserStore, insertUsers, migrate } from '@resetkit/adapters-postgres'
import { createRedisOtpStore } from '@resetkit/adapters-redis'
import type { OtpStore, UserSeed, UserStore } from '@resetkit/core'
import { createDefaultRateLimits, fromRateLimiterFlexible, type RateLimits } from '@resetkit/http'
import { Redis } from 'ioredis'
import pg from 'pg'
import { RateLimiterRedis } from 'rate-limiter-flexible'
import type { DemoConfig } from './config.js'

export interface DemoStores {
  readonly users: UserStore
  readonly otpStore: OtpStore
  /** Shared by every instance when the stores are shared. */
  readonly rateLimit: RateLimits
  close(): Promise<void>
}

/** Memory for one process; PostgreSQL + Redis when several instances serve the same users. */
export async function createDemoStores(config: DemoConfig, seeds: readonly UserSeed[]): Promise<DemoStores> {
  if (config.store === 'memory') {
    return { users: createMemoryUserStore(seeds), otpStore: createMemoryOtpStore(), rateLimit: createDefaultRateLimits(), close: async () => {} }
  }
  const pool = new pg.Pool({ connectionString: config.databaseUrl })
  await migrate(pool, { schema: config.databaseSchema })
  await insertUsers(pool, seeds, { schema: config.databaseSchema })
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 })
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    fromRateLimiterFlexible(new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.redisPrefix}${keyPrefix}`, points, duration }))
  return {
    users: createPostgresUserStore(pool, { schema: config.databaseSchema }),
    otpStore: createRedisOtpStore(redis, { prefix: config.redisPrefix }),
    rateLimit: { perIp: limiter('ip', 60, 60), perIdentifier: limiter('identifier', 20, 900) },
    close: async () => {
      await Promise.all([pool.end(), redis.quit()])
    },
  }
}
