import type { WindowBudget } from '@resetkit/core'
import type { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { guarded, watchConnection, type RedisConnectionListener } from './connection.js'
import { RESERVE_IN_WINDOWS } from './scripts.js'

export interface RedisWindowBudgetOptions {
  /** Prepended to every key. Default "resetkit:". */
  readonly prefix?: string
  /** As for `createRedisOtpStore`; whichever is made first with a client decides. */
  readonly onConnection?: RedisConnectionListener
}

/**
 * The send windows and guess budgets in Redis, shared by every instance: one sorted set of
 * entry times per window, all of a reservation's windows checked and written by one Lua script
 * (all or none), timed by Redis's own clock (`TIME`), so instances with skewed clocks share one
 * timeline: `now` is ignored.
 *
 * @example
 * const windows = createRedisWindowBudget(redis, { prefix: 'myapp:resetkit:' })
 */
export function createRedisWindowBudget(redis: Redis, options: RedisWindowBudgetOptions = {}): WindowBudget {
  const prefix = options.prefix ?? 'resetkit:'
  watchConnection(redis, options.onConnection)
  return {
    async reserve({ windows }) {
      const id = randomUUID()
      const keys = windows.map(({ key }) => `${prefix}windows:${key}`)
      const args = windows.flatMap(({ cooldownMs, maxPerWindow, windowMs }) => [cooldownMs, maxPerWindow, windowMs])
      const [allowed, retryAfterMs, refusedAt] = (await guarded(redis, () => redis.eval(RESERVE_IN_WINDOWS, keys.length, ...keys, id, ...args))) as [number, number, number]
      return allowed === 1 ? { allowed: true, id } : { allowed: false, retryAfterMs, window: windows[refusedAt - 1]?.key ?? '' }
    },
    async release(key, id) {
      await guarded(redis, () => redis.zrem(`${prefix}windows:${key}`, id))
    },
  }
}
