import { createMemoryUserStore } from '@resetkit/adapters-memory'
import { describeOtpStoreContract, describeResetFlowContract, describeWindowBudgetContract } from '@resetkit/testing'
import { randomUUID } from 'node:crypto'
import { afterAll, describe, it } from 'vitest'
import { createRedisOtpStore, createRedisWindowBudget } from '../src/index.js'
import { IOREDIS_MAJORS } from './clients.js'

const url = process.env['REDIS_URL']

if (url === undefined || url === '') {
  console.log('REDIS_URL is not set: skipping the Redis adapter suites (.ci/run sets it).')
  describe.skip('Redis adapter (REDIS_URL not set)', () => it('needs REDIS_URL'))
} else {
  for (const [major, Redis] of IOREDIS_MAJORS) {
    describe(major, () => {
      // Fail fast and loudly when the server is not there, rather than retrying forever.
      const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null })
      const run = `resetkit-test:${randomUUID()}:`
      let store = 0
      const fresh = () => createRedisOtpStore(redis, { prefix: `${run}${store++}:` })
      const freshWindows = () => createRedisWindowBudget(redis, { prefix: `${run}${store++}:` })

      afterAll(async () => {
        const keys = await redis.keys(`${run}*`)
        if (keys.length > 0) await redis.del(...keys)
        await redis.quit()
      })

      describeOtpStoreContract({ name: 'redis', make: fresh })
      describeWindowBudgetContract({ name: 'redis', make: freshWindows, windowClock: 'server' })
      describeResetFlowContract({ name: 'redis OTP state', make: (users) => ({ users: createMemoryUserStore(users), otpStore: fresh(), windows: freshWindows() }) })
    })
  }
}
