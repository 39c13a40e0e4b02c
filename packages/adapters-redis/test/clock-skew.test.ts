import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { createRedisOtpStore } from '../src/index.js'

const url = process.env['REDIS_URL']

if (url === undefined || url === '') {
  describe.skip('Redis windows under clock skew (REDIS_URL not set)', () => it('needs REDIS_URL'))
} else {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null })
  const prefix = `resetkit-test:${randomUUID()}:`
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    await redis.quit()
  })

  const HOUR = 3_600_000

  describe('Redis windows on instances whose clocks disagree', () => {
    it('two instances an hour apart still compare at most the budget of wrong codes for one identifier', async () => {
      // Two instances of one app, sharing Redis; the second's clock runs an hour ahead.
      const a = createRedisOtpStore(redis, { prefix })
      const b = createRedisOtpStore(redis, { prefix })
      const budget = { key: 'email:victim@example.com', maxPerWindow: 10, windowMs: HOUR }
      const outcomes = []
      for (let i = 0; i < 30; i++) {
        const [store, now] = i % 2 === 0 ? [a, Date.now()] : [b, Date.now() + HOUR]
        outcomes.push(await store.reserveGuess({ ...budget, now }))
      }
      expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(10)
    })

    it('a send cooldown holds across instances whose clocks disagree by an hour', async () => {
      const a = createRedisOtpStore(redis, { prefix })
      const b = createRedisOtpStore(redis, { prefix })
      const windows = [{ key: 'flow:victim', cooldownMs: 60_000, maxPerWindow: 10, windowMs: HOUR }]
      expect((await a.reserveSend({ now: Date.now(), windows })).allowed).toBe(true)
      expect((await b.reserveSend({ now: Date.now() + HOUR, windows })).allowed).toBe(false)
      expect((await b.reserveSend({ now: Date.now() - HOUR, windows })).allowed).toBe(false)
    })
  })
}
