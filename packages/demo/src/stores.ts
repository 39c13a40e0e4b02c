import { createMemoryOtpStore, createMemoryUserStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import type { OtpStore, UserSeed, UserStore, WindowBudget } from '@resetkit/core'
import { createDefaultRateLimits, type RateLimits } from '@resetkit/http'
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

/**
 * Memory for one process; PostgreSQL (users) + Redis (OTP state, limits) when several instances
 * serve the same users, or PostgreSQL alone when there is no `REDIS_URL`. pg and ioredis are
 * loaded only then: the default demo keeps their ~11 MiB of modules out of its resident set.
 */
export async function createDemoStores(config: DemoConfig, seeds: readonly UserSeed[], logger: Logger): Promise<DemoStores> {
  if (config.store === 'memory') {
    const rateLimit = createDefaultRateLimits()
    return { users: createMemoryUserStore(seeds), otpStore: createMemoryOtpStore(), windows: createMemoryWindowBudget(), rateLimit, ready: async () => true, close: async () => {} }
  }
  const { createSharedStores } = await import('./shared-stores.js')
  return createSharedStores(config, seeds, logger)
}
