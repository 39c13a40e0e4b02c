import { createMemoryOtpStore, createMemoryUserStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { createPostgresUserStore, guardPool, insertUsers, migrate } from '@resetkit/adapters-postgres'
import { createRedisOtpStore, createRedisRateLimiter, createRedisWindowBudget } from '@resetkit/adapters-redis'
import type { OtpStore, UserSeed, UserStore, WindowBudget } from '@resetkit/core'
import { callPort } from '@resetkit/core/internal'
import { createDefaultRateLimits, type RateLimits } from '@resetkit/http'
import { Redis } from 'ioredis'
import pg from 'pg'
import type { Logger } from 'pino'
import type { DemoConfig } from './config.js'

export interface DemoStores {
  readonly users: UserStore
  readonly otpStore: OtpStore
  /** The send windows and guess budgets. */
  readonly windows: WindowBudget
  /** Shared by every instance when the stores are shared. */
  readonly rateLimit: RateLimits
  /** Whether every store answers now (the readiness check behind `GET /healthz`). */
  readonly ready: () => Promise<boolean>
  readonly close: () => Promise<void>
}

const READY_TIMEOUT_MS = 2000

/** Whether `check` succeeded within the readiness time-out; never rejects. */
const answers = async (store: string, check: () => Promise<unknown>): Promise<boolean> => (await callPort(store, check, READY_TIMEOUT_MS)).isOk()

/** Memory for one process; PostgreSQL + Redis when several instances serve the same users. */
export async function createDemoStores(config: DemoConfig, seeds: readonly UserSeed[], logger: Logger): Promise<DemoStores> {
  if (config.store === 'memory') {
    const rateLimit = createDefaultRateLimits()
    return { users: createMemoryUserStore(seeds), otpStore: createMemoryOtpStore(), windows: createMemoryWindowBudget(), rateLimit, ready: async () => true, close: async () => {} }
  }
  const log = logger.child({ component: 'store' })
  const pool = new pg.Pool({ connectionString: config.databaseUrl, connectionTimeoutMillis: 5000 })
  // Before any query: a dropped idle connection must never end the process.
  const onPoolError = (report: object): void => log.warn({ store: 'postgres', ...report }, 'pooled connection failed')
  guardPool(pool, onPoolError)
  // Commands fail after two reconnection tries instead of queueing; the use cases answer 503.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 })
  const onConnection = (event: object): void => log.warn({ store: 'redis', ...event }, 'redis connection')
  const otpStore = createRedisOtpStore(redis, { prefix: config.redisPrefix, onConnection })
  const limiter = (name: string, limit: number, windowSeconds: number) =>
    createRedisRateLimiter(redis, { keyPrefix: `${config.redisPrefix}${name}`, limit, windowSeconds, onConnection })
  const close = async (): Promise<void> => {
    await Promise.all([pool.end(), redis.quit().catch(() => redis.disconnect())])
  }
  try {
    await migrate(pool, { schema: config.databaseSchema })
    await insertUsers(pool, seeds, { schema: config.databaseSchema })
  } catch (error) {
    await close()
    throw error
  }
  return {
    users: createPostgresUserStore(pool, { schema: config.databaseSchema, onPoolError }),
    otpStore,
    windows: createRedisWindowBudget(redis, { prefix: config.redisPrefix, onConnection }),
    rateLimit: { perIp: limiter('ip', 60, 60), perIdentifier: limiter('identifier', 20, 900) },
    ready: async () => (await Promise.all([answers('postgres', () => pool.query('SELECT 1')), answers('redis', () => redis.ping())])).every(Boolean),
    close,
  }
}
