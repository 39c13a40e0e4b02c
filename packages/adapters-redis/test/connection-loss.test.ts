import { isPortUnavailable } from '@resetkit/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRedisOtpStore, createRedisRateLimiter, createRedisWindowBudget, type RedisConnectionEvent } from '../src/index.js'
import { freePort, startRedisServer } from '../src/testing/redis-server.js'
import { IOREDIS_MAJORS } from './clients.js'

const guess = { now: 0, windows: [{ key: 'guess:email:alice@example.com', cooldownMs: 0, maxPerWindow: 10, windowMs: 60_000 }] }

describe.each(IOREDIS_MAJORS)('Redis adapter on %s when its server goes away', (_major, Redis) => {
  const cleanups: Array<() => Promise<unknown>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    vi.restoreAllMocks()
  })

  it('every call is unavailable (a 503) while the server is down, the outage is reported once, and calls work again once it is back', async () => {
    const port = await freePort()
    let server = await startRedisServer(port)
    cleanups.push(() => server.stop())
    // The demo's settings: a command gives up after two reconnection tries instead of queueing.
    const redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 2, retryStrategy: () => 50 })
    cleanups.push(async () => redis.disconnect())
    const consoleError = vi.spyOn(console, 'error')
    const events: RedisConnectionEvent[] = []
    const store = createRedisOtpStore(redis, { prefix: 'loss:', onConnection: (event) => events.push(event) })
    const windows = createRedisWindowBudget(redis, { prefix: 'loss:' })
    const limiter = createRedisRateLimiter(redis, { keyPrefix: 'loss:ip:', limit: 5, windowSeconds: 60 })
    expect((await windows.reserve(guess)).allowed).toBe(true)
    expect(await limiter.consume('ip:127.0.0.1')).toEqual({ allowed: true })

    await server.stop()
    const failures = await Promise.all([
      store.findByTokenId('t').catch((error: unknown) => error),
      windows.reserve(guess).catch((error: unknown) => error),
      windows.reserve({ now: 0, windows: [{ key: 'k', cooldownMs: 0, maxPerWindow: 1, windowMs: 1000 }] }).catch((error: unknown) => error),
      limiter.consume('ip:127.0.0.1').catch((error: unknown) => error),
    ])
    expect(failures.map(isPortUnavailable)).toEqual([true, true, true, true])
    // A second of reconnection attempts, each one an 'error' event: still one line.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(events).toEqual([{ event: 'lost', errorClass: 'Error', code: 'ECONNREFUSED' }])
    // Without a listener ioredis prints "[ioredis] Unhandled error event" with a stack each time.
    expect(consoleError).not.toHaveBeenCalled()

    server = await startRedisServer(port)
    for (let i = 0; i < 100 && redis.status !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 25))
    expect(events.at(-1)).toMatchObject({ event: 'restored' })
    expect((await windows.reserve(guess)).allowed).toBe(true)
    expect(await limiter.consume('ip:127.0.0.1')).toEqual({ allowed: true })
  }, 20_000)
})
