import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { createRedisWindowBudget } from '../src/index.js'

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
      const a = createRedisWindowBudget(redis, { prefix })
      const b = createRedisWindowBudget(redis, { prefix })
      const windows = [{ key: 'guess:email:victim@example.com', cooldownMs: 0, maxPerWindow: 10, windowMs: HOUR }]
      const outcomes = []
      for (let i = 0; i < 30; i++) {
        const [budget, now] = i % 2 === 0 ? [a, Date.now()] : [b, Date.now() + HOUR]
        outcomes.push(await budget.reserve({ now, windows }))
      }
      expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(10)
    })

    it('a send cooldown holds across instances whose clocks disagree by an hour', async () => {
      const a = createRedisWindowBudget(redis, { prefix })
      const b = createRedisWindowBudget(redis, { prefix })
      const windows = [{ key: 'flow:victim', cooldownMs: 60_000, maxPerWindow: 10, windowMs: HOUR }]
      expect((await a.reserve({ now: Date.now(), windows })).allowed).toBe(true)
      expect((await b.reserve({ now: Date.now() + HOUR, windows })).allowed).toBe(false)
      expect((await b.reserve({ now: Date.now() - HOUR, windows })).allowed).toBe(false)
    })
  })
}
