import { freePort, startRedisServer } from '@resetkit/adapters-redis/testing'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { spawnDemo, type SpawnedDemo } from './spawn-demo.js'

const databaseUrl = process.env['DATABASE_URL']

if (!databaseUrl) {
  describe.skip('the demo when Redis goes away (needs DATABASE_URL)', () => it('needs DATABASE_URL'))
} else {
  const schema = `resetkit_outage_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const headers = { 'content-type': 'application/json', authorization: `Basic ${btoa('demo-web:demo-web-secret%3A%25%2F%26')}` }
  const cleanups: Array<() => Promise<unknown>> = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
    const pool = new pg.Pool({ connectionString: databaseUrl })
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  })

  const send = (demo: SpawnedDemo) => fetch(`${demo.url}/otp/send`, { method: 'POST', headers, body: JSON.stringify({ usage: 'reset_password', email: 'alice@example.com' }) })
  const reset = (demo: SpawnedDemo) =>
    fetch(`${demo.url}/reset_user_password`, { method: 'POST', headers, body: JSON.stringify({ password: 'Granite-Orchard-Lantern-61', email: 'alice@example.com', email_otp_token: 't', email_otp: '123456' }) })
  const health = async (demo: SpawnedDemo) => {
    const response = await fetch(`${demo.url}/healthz`)
    return [response.status, await response.text()] as const
  }

  describe('the demo on PostgreSQL + Redis when Redis goes away', () => {
    it('answers 503 temporarily_unavailable (never 500), reports not ready, logs the outage once, and recovers when Redis is back', async () => {
      const port = await freePort()
      let redis = await startRedisServer(port)
      cleanups.push(() => redis.stop())
      // The rate limits stay on: they live in Redis too, and must not fail open.
      const demo = await spawnDemo({ STORE: 'postgres', DATABASE_SCHEMA: schema, REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: `outage:${schema}:`, OTP_RESEND_COOLDOWN_SECONDS: '0' })
      cleanups.push(() => demo.stop())
      expect(await health(demo)).toEqual([200, '{"status":"ok"}'])
      expect((await send(demo)).status).toBe(200)

      await redis.stop()
      for (const response of [await send(demo), await reset(demo)]) {
        expect([response.status, await response.text(), response.headers.get('retry-after')]).toEqual([503, '{"error":"temporarily_unavailable"}', '5'])
      }
      expect(await health(demo)).toEqual([503, '{"status":"unavailable"}'])
      // Reconnection attempts go on meanwhile; each is an 'error' event, and still one line.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(demo.output().match(/"event":"lost"/g)).toHaveLength(1)
      expect(demo.output()).not.toContain('Unhandled error event')
      expect(demo.output()).not.toMatch(/\n\s+at /) // no stack trace anywhere

      redis = await startRedisServer(port)
      for (let i = 0; i < 80 && (await health(demo))[0] !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await health(demo)).toEqual([200, '{"status":"ok"}'])
      expect((await send(demo)).status).toBe(200)
      expect(demo.output()).toMatch(/"event":"restored"/)
    }, 60_000)

    it('refuses to start, in one line, when a store cannot be reached', async () => {
      const port = await freePort() // nothing listens there
      await expect(spawnDemo({ STORE: 'postgres', DATABASE_SCHEMA: schema, REDIS_URL: `redis://127.0.0.1:${port}` })).rejects.toThrow(/resetkit demo: cannot start/)
    }, 60_000)
  })
}
