import { describeOtpStoreContract, describeResetFlowContract, describeWindowBudgetContract } from '@resetkit/testing'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createPostgresOtpStore, createPostgresRateLimiter, createPostgresUserStore, createPostgresWindowBudget, insertUsers, migrate } from '../src/index.js'

const url = process.env['DATABASE_URL']

if (url === undefined || url === '') {
  describe.skip('PostgreSQL OTP state (DATABASE_URL not set)', () => it('needs DATABASE_URL'))
} else {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000 })
  const schemas: string[] = []
  const freshSchema = async () => {
    const schema = `resetkit_otp_${randomUUID().replace(/-/g, '').slice(0, 16)}`
    schemas.push(schema)
    await migrate(pool, { schema })
    return schema
  }
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  })

  describeOtpStoreContract({ name: 'postgres', make: async () => createPostgresOtpStore(pool, { schema: await freshSchema() }) })
  describeWindowBudgetContract({ name: 'postgres', make: async () => createPostgresWindowBudget(pool, { schema: await freshSchema() }), windowClock: 'server' })
  describeResetFlowContract({
    name: 'postgres only (users, OTP state, windows)',
    make: async (users) => {
      const schema = await freshSchema()
      await insertUsers(pool, users, { schema })
      return { users: createPostgresUserStore(pool, { schema }), otpStore: createPostgresOtpStore(pool, { schema }), windows: createPostgresWindowBudget(pool, { schema }) }
    },
  })

  describe('PostgreSQL OTP state housekeeping', () => {
    const record = (i: number, expiresAt: number) => ({
      tokenId: `t${i}`,
      clientId: 'web',
      usage: 'reset_password' as const,
      identifier: { channel: 'email' as const, value: `u${i}@example.com` },
      codeHash: 'h',
      issuedAt: expiresAt - 300_000,
      expiresAt,
      attempts: 0,
      consumed: false,
    })

    it('each issue deletes a few expired rows (past the grace) through the expiry index, never a live one', async () => {
      const schema = await freshSchema()
      const store = createPostgresOtpStore(pool, { schema, purgePerIssue: 16, graceMs: 60_000 })
      const now = 10_000_000
      for (let i = 0; i < 40; i++) await store.issue(record(i, now - 120_000 - i)) // long expired (issued "at" their own times)
      await store.issue(record(100, now + 300_000)) // issued now: purges 16 of the 40
      await store.issue(record(101, now - 30_000)) // expired, but within the grace: kept
      const count = async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".resetkit_otp`)).rows[0]?.n)
      expect(await count()).toBe(40 - 16 + 2)
      expect(await store.purgeExpired(now, 1000)).toBe(24)
      expect(await store.findByTokenId('t100')).not.toBeNull()
      expect(await store.findByTokenId('t101')).not.toBeNull()
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query('SET LOCAL enable_seqscan = off')
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT token_id FROM "${schema}".resetkit_otp WHERE expires_at < $1 ORDER BY expires_at LIMIT 16`,
          [now],
        )
        expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('resetkit_otp_by_expiry')
        await client.query('ROLLBACK')
      } finally {
        client.release()
      }
    })

    it('the HTTP rate limiter counts across instances in PostgreSQL and refuses past the limit', async () => {
      const schema = await freshSchema()
      const a = createPostgresRateLimiter(pool, { schema, keyPrefix: 'ip:', limit: 3, windowSeconds: 60 })
      const b = createPostgresRateLimiter(pool, { schema, keyPrefix: 'ip:', limit: 3, windowSeconds: 60 })
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).consume('203.0.113.7')))
      expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(3)
      expect(outcomes.find((outcome) => !outcome.allowed)).toMatchObject({ allowed: false, retryAfterMs: expect.any(Number) as unknown })
      expect((await a.consume('198.51.100.1')).allowed).toBe(true)
    })
  })
}
