import {
  createPostgresOtpStore,
  createPostgresRateLimiter,
  createPostgresUserStore,
  createPostgresWindowBudget,
  guardPool,
  insertUsers,
  migrate,
} from '@resetkit/adapters-postgres'
import { createRedisOtpStore, createRedisRateLimiter, createRedisWindowBudget } from '@resetkit/adapters-redis'
import type { UserSeed } from '@resetkit/core'
import { callPort } from '@resetkit/core/internal'
import { Redis } from 'ioredis'
import pg from 'pg'
import type { Logger } from 'pino'
import type { DemoConfig } from './config.js'
import type { DemoStores } from './stores.js'

const READY_TIMEOUT_MS = 2000

/** Whether `check` succeeded within the readiness time-out; never rejects. */
const answers = async (store: string, check: () => Promise<unknown>): Promise<boolean> => (await callPort(store, check, READY_TIMEOUT_MS)).isOk()

/** PostgreSQL for users, with Redis or PostgreSQL for the OTP state and limits (createDemoStores). */
export async function createSharedStores(config: DemoConfig, seeds: readonly UserSeed[], logger: Logger): Promise<DemoStores> {
  const log = logger.child({ component: 'store' })
  const pool = new pg.Pool({ connectionString: config.databaseUrl, connectionTimeoutMillis: 5000 })
  // Before any query: a dropped idle connection must never end the process.
  const onPoolError = (report: object): void => log.warn({ store: 'postgres', ...report }, 'pooled connection failed')
  guardPool(pool, onPoolError)
  const schema = config.databaseSchema
  const { redisUrl } = config
  const shared = redisUrl === undefined ? postgresOnly(pool, schema, onPoolError) : redisBacked(redisUrl, config.redisPrefix, log)
  const close = async (): Promise<void> => {
    await Promise.all([pool.end(), shared.close()])
  }
  try {
    await migrate(pool, { schema })
    await insertUsers(pool, seeds, { schema })
  } catch (error) {
    await close()
    throw error
  }
  return {
    users: createPostgresUserStore(pool, { schema, onPoolError }),
    otpStore: shared.otpStore,
    windows: shared.windows,
    rateLimit: shared.rateLimit,
    ready: async () => (await Promise.all([answers('postgres', () => pool.query('SELECT 1')), shared.ready()])).every(Boolean),
    close,
  }
}

type SharedStores = Pick<DemoStores, 'otpStore' | 'windows' | 'rateLimit' | 'ready' | 'close'>

function postgresOnly(pool: pg.Pool, schema: string, onPoolError: (report: object) => void): SharedStores {
  const limiter = (keyPrefix: string, limit: number, windowSeconds: number) => createPostgresRateLimiter(pool, { schema, keyPrefix, limit, windowSeconds, onPoolError })
  return {
    otpStore: createPostgresOtpStore(pool, { schema, onPoolError }),
    windows: createPostgresWindowBudget(pool, { schema, onPoolError }),
    rateLimit: { perIp: limiter('ip:', 60, 60), perIdentifier: limiter('identifier:', 20, 900) },
    ready: async () => true,
    close: async () => {},
  }
}

function redisBacked(redisUrl: string, prefix: string, log: Logger): SharedStores {
  // Commands fail after two reconnection tries instead of queueing; the use cases answer 503.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 })
  const onConnection = (event: object): void => log.warn({ store: 'redis', ...event }, 'redis connection')
  const limiter = (name: string, limit: number, windowSeconds: number) => createRedisRateLimiter(redis, { keyPrefix: `${prefix}${name}`, limit, windowSeconds, onConnection })
  return {
    otpStore: createRedisOtpStore(redis, { prefix, onConnection }),
    windows: createRedisWindowBudget(redis, { prefix, onConnection }),
    rateLimit: { perIp: limiter('ip', 60, 60), perIdentifier: limiter('identifier', 20, 900) },
    ready: () => answers('redis', () => redis.ping()),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
