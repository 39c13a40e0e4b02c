import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnDemo, type SpawnedDemo } from './spawn-demo.js'

const databaseUrl = process.env['DATABASE_URL']
const redisUrl = process.env['REDIS_URL']

if (!databaseUrl || !redisUrl) {
  console.log('DATABASE_URL or REDIS_URL is not set: skipping the multi-instance demo test (.ci/run sets both).')
  describe.skip('two demo instances on PostgreSQL and Redis (needs DATABASE_URL and REDIS_URL)', () => it('needs both'))
} else {
  // Both deployments: users in PostgreSQL with OTP state in Redis, and PostgreSQL alone.
  describe.each([
    ['sharing PostgreSQL and Redis', redisUrl],
    ['on PostgreSQL alone (no REDIS_URL)', ''],
  ])('two demo instances %s', (_mode, instanceRedisUrl) => {
    // Two processes, one PostgreSQL schema and one Redis prefix of their own for this run.
    const run = randomUUID().replace(/-/g, '').slice(0, 12)
    const env = { STORE: 'postgres', REDIS_URL: instanceRedisUrl, DATABASE_SCHEMA: `resetkit_demo_${run}`, REDIS_PREFIX: `resetkit-demo-test:${run}:`, RATE_LIMIT: 'off', DELIVERY_BUDGETS: 'off', OTP_RESEND_COOLDOWN_SECONDS: '0' }
    const headers = { 'content-type': 'application/json', authorization: `Basic ${btoa('demo-web:demo-web-secret%3A%25%2F%26')}` }
    let a: SpawnedDemo
    let b: SpawnedDemo

    beforeAll(async () => {
      a = await spawnDemo(env)
      b = await spawnDemo(env)
    }, 60_000)
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()])
      const pool = new pg.Pool({ connectionString: databaseUrl })
      await pool.query(`DROP SCHEMA IF EXISTS "${env.DATABASE_SCHEMA}" CASCADE`)
      await pool.end()
      const redis = new Redis(redisUrl)
      const keys = await redis.keys(`${env.REDIS_PREFIX}*`)
      if (keys.length > 0) await redis.del(...keys)
      await redis.quit()
    })

    const sendVia = async (demo: SpawnedDemo, email: string) => {
      const sent = await fetch(`${demo.url}/otp/send`, { method: 'POST', headers, body: JSON.stringify({ usage: 'reset_password', email }) })
      expect(sent.status).toBe(200)
      const { otp_token } = (await sent.json()) as { otp_token: string }
      const lines = [...demo.output().matchAll(new RegExp(`\\[dev-otp\\] to=${email.replace('.', '\\.')} otp=(\\d{6})`, 'g'))]
      const code = lines.at(-1)?.[1] ?? (await demo.waitFor(new RegExp(`\\[dev-otp\\] to=${email} otp=(\\d{6})`)))[1]
      return { token: otp_token, code: code ?? '' }
    }
    const resetVia = (demo: SpawnedDemo, email: string, token: string, code: string, password: string) =>
      fetch(`${demo.url}/reset_user_password`, { method: 'POST', headers, body: JSON.stringify({ password, email, email_otp_token: token, email_otp: code }) })

    describe('one reset flow over two processes', () => {
      it('a code sent through one instance verifies through the other', async () => {
        const { token, code } = await sendVia(a, 'alice@example.com')
        const response = await resetVia(b, 'alice@example.com', token, code, 'Granite-Orchard-Lantern-61')
        expect([response.status, await response.text()]).toEqual([200, ''])
      })

      it('50 concurrent resets with one token, spread over both instances → exactly one success', async () => {
        const { token, code } = await sendVia(b, 'bob@example.com')
        const responses = await Promise.all(
          Array.from({ length: 50 }, (_, i) => resetVia(i % 2 === 0 ? a : b, 'bob@example.com', token, code, `Shared-Fleet-Password-${i}`)),
        )
        const statuses = await Promise.all(responses.map(async (response) => [response.status, await response.text()] as const))
        expect(statuses.filter(([status]) => status === 200)).toHaveLength(1)
        for (const [status, body] of statuses) {
          if (status !== 200) expect(['bad_email_otp_token', 'too_many_requests']).toContain((JSON.parse(body) as { error: string }).error)
        }
      }, 60_000)
    })
  })
}
