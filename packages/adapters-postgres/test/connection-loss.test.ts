import { isPortUnavailable, type UserSeed } from '@resetkit/core'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createPostgresOtpStore, createPostgresRateLimiter, createPostgresUserStore, createPostgresWindowBudget, insertUsers, migrate, type PoolErrorReport } from '../src/index.js'

const url = process.env['DATABASE_URL']

if (url === undefined || url === '') {
  describe.skip('PostgreSQL connection loss (DATABASE_URL not set)', () => it('needs DATABASE_URL'))
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 })
  const schemas: string[] = []
  const pools: pg.Pool[] = []
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)))
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.end()
  })

  const seed: UserSeed = { id: 'u1', email: 'u1@example.com', phoneNumber: null, status: 'active', names: [], passwordHash: 'h0', passwordHistory: ['h-1'] }
  const u1 = { channel: 'email', value: 'u1@example.com' } as const

  /** A store on a pool of its own whose backends carry a name we can find and terminate. */
  async function storeWithOwnBackends() {
    const schema = `resetkit_loss_${randomUUID().replace(/-/g, '').slice(0, 16)}`
    schemas.push(schema)
    await migrate(admin, { schema })
    await insertUsers(admin, [seed], { schema })
    const applicationName = `resetkit-test-${schema}`
    const pool = new pg.Pool({ connectionString: url, max: 4, application_name: applicationName })
    pools.push(pool)
    const reports: PoolErrorReport[] = []
    const store = createPostgresUserStore(pool, { schema, onPoolError: (report) => reports.push(report) })
    const terminate = (where = 'true') =>
      admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND ${where}`, [applicationName])
    const backends = async (where = 'true') =>
      (await admin.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND ${where}`, [applicationName])).rowCount ?? 0
    return { schema, pool, store, reports, terminate, backends }
  }

  const until = async (condition: () => boolean | Promise<boolean>, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (await condition()) return
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`timed out waiting for ${what}`)
  }

  describe('PostgreSQL adapter when the server drops its connections', () => {
    it('the server ending every idle pooled connection neither ends the process nor fails the next request', async () => {
      const { store, reports, terminate, backends } = await storeWithOwnBackends()
      // Several idle clients in the pool, as after a burst of requests.
      await Promise.all(Array.from({ length: 4 }, () => store.findByIdentifier(u1)))
      expect(await backends()).toBeGreaterThan(0)
      await terminate()
      await until(async () => (await backends()) === 0, 'the server to end the backends')
      // Asked at once, before the pool may have noticed: a dead idle client must not fail it.
      expect((await store.findByIdentifier(u1))?.passwordHash).toBe('h0')
      // Without a listener on the pool, each of these is an uncaught 'error' event: the process dies.
      await until(() => reports.length > 0, 'the pool to report the dropped connections')
      // Class and code only: a driver's message may quote what it was sent.
      for (const report of reports) expect(['DatabaseError', 'Error']).toContain(report.errorClass)
      expect((await store.findByIdentifier(u1))?.passwordHash).toBe('h0')
    })

    it('a connection lost in the middle of a password change is unavailable (503), changes nothing, and the next change commits', async () => {
      const { schema, store, terminate, backends } = await storeWithOwnBackends()
      const before = await store.findByIdentifier(u1)
      if (before === null) throw new Error('seeded user missing')
      // Hold the user's row, so the change stops inside its transaction, then cut its connection.
      const blocker = await admin.connect()
      await blocker.query('BEGIN')
      await blocker.query(`SELECT 1 FROM "${schema}".resetkit_users WHERE id = 'u1' FOR UPDATE`)
      const change = store.changePassword({ userId: 'u1', expectedVersion: before.version, newHash: 'h1', historyLimit: 4 })
      const settled = change.then(
        () => undefined,
        (error: unknown) => error,
      )
      await until(async () => (await backends(`wait_event_type = 'Lock'`)) > 0, 'the change to wait on the row lock')
      await terminate(`wait_event_type = 'Lock'`)
      await blocker.query('ROLLBACK')
      blocker.release()
      const error = await settled
      expect(isPortUnavailable(error)).toBe(true)
      expect(await store.findByIdentifier(u1)).toEqual(before)
      await expect(store.changePassword({ userId: 'u1', expectedVersion: before.version, newHash: 'h1', historyLimit: 4 })).resolves.toBe('changed')
      expect(await store.findByIdentifier(u1)).toMatchObject({ passwordHash: 'h1', passwordHistory: ['h0', 'h-1'] })
    })

    it('a database that cannot be reached is unavailable, not a server error', async () => {
      // Port 1 on loopback: nothing listens, so every connection is refused at once.
      const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 2000 })
      pools.push(pool)
      const store = createPostgresUserStore(pool, { onPoolError: () => {} })
      const lookup = await store.findByIdentifier(u1).then(() => undefined, (error: unknown) => error)
      const change = await store.changePassword({ userId: 'u1', expectedVersion: 1, newHash: 'h1', historyLimit: 4 }).then(() => undefined, (error: unknown) => error)
      expect([isPortUnavailable(lookup), isPortUnavailable(change)]).toEqual([true, true])
    })

    it('the OTP store, the window budget and the rate limiter are unavailable too, for every call', async () => {
      const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 2000 })
      pools.push(pool)
      const quiet = { onPoolError: () => {} }
      const otp = createPostgresOtpStore(pool, quiet)
      const windows = createPostgresWindowBudget(pool, quiet)
      const limiter = createPostgresRateLimiter(pool, { ...quiet, keyPrefix: 'ip:', limit: 5, windowSeconds: 60 })
      const calls: Promise<unknown>[] = [
        otp.findByTokenId('t'),
        otp.reserveAttempt('t', 5),
        otp.consume('t', 0),
        windows.reserve({ now: 0, windows: [{ key: 'k', cooldownMs: 0, maxPerWindow: 1, windowMs: 1000 }] }),
        windows.release('k', 'id'),
        limiter.consume('203.0.113.7'),
      ]
      const failures = await Promise.all(calls.map((call) => call.then(() => undefined, (error: unknown) => error)))
      expect(failures.map(isPortUnavailable)).toEqual([true, true, true, true, true, true])
    })
  })
}
