import type { UserSeed } from '@resetkit/core'
import { createFastTestHasher, describeUserStoreContract } from '@resetkit/testing'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createPostgresUserStore, type PostgresUserStoreOptions } from '../src/index.js'

const url = process.env['DATABASE_URL']

// China's national form of a mainland mobile number, as many tables keep it.
const nationalCn = (e164: string): string[] => (e164.startsWith('+86') ? [e164, e164.slice(3)] : [e164])

if (url === undefined || url === '') {
  describe.skip('PostgreSQL adapter on app_users as a team keeps it (DATABASE_URL not set)', () => it('needs DATABASE_URL'))
} else {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  const schemas: string[] = []
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  })

  // No version column, no names array, addresses as typed, national phone numbers, and a
  // history table the team writes to as well (source 'app' rows are theirs).
  async function appUsers() {
    const schema = `resetkit_app_${randomUUID().replace(/-/g, '').slice(0, 16)}`
    schemas.push(schema)
    await pool.query(`CREATE SCHEMA "${schema}"`)
    await pool.query(`CREATE TABLE "${schema}".app_users (id text PRIMARY KEY, email text, phone text, first_name text, last_name text,
      state text NOT NULL, password text)`)
    await pool.query(`CREATE UNIQUE INDEX app_users_email_lower ON "${schema}".app_users (lower(email))`)
    await pool.query(`CREATE UNIQUE INDEX app_users_phone ON "${schema}".app_users (phone)`)
    await pool.query(`CREATE TABLE "${schema}".app_password_history (id bigserial PRIMARY KEY, user_id text NOT NULL, hash text NOT NULL,
      source text NOT NULL DEFAULT 'app', created_at timestamptz NOT NULL DEFAULT now())`)
    const options: PostgresUserStoreOptions = {
      schema,
      users: { table: 'app_users', phoneNumber: 'phone', status: 'state', names: ['first_name', 'last_name'], passwordHash: 'password', version: null },
      history: { table: 'app_password_history', passwordHash: 'hash', trim: { column: 'source', value: 'resetkit' } },
      emailMatch: 'case-insensitive',
      phoneNumberAsStored: nationalCn,
    }
    const insertUser = (id: string, email: string | null, phone: string | null, names: readonly string[], hash: string | null, state = 'active') =>
      pool.query(`INSERT INTO "${schema}".app_users VALUES ($1, $2, $3, $4, $5, $6, $7)`, [id, email, phone, names[0] ?? null, names[1] ?? null, state, hash])
    const insertHistory = (userId: string, hash: string, source: string) =>
      pool.query(`INSERT INTO "${schema}".app_password_history (user_id, hash, source) VALUES ($1, $2, $3)`, [userId, hash, source])
    const historyRows = async (userId: string) =>
      (await pool.query<{ hash: string; source: string }>(`SELECT hash, source FROM "${schema}".app_password_history WHERE user_id = $1 ORDER BY id DESC`, [userId])).rows
    return { schema, options, store: createPostgresUserStore(pool, options), insertUser, insertHistory, historyRows }
  }

  describeUserStoreContract({
    name: 'postgres on app_users (no version column, names from two columns, marked history)',
    make: async (users: readonly UserSeed[]) => {
      const table = await appUsers()
      for (const user of users) {
        await table.insertUser(user.id, user.email, user.phoneNumber, user.names, user.passwordHash, user.status)
        for (const hash of [...user.passwordHistory].reverse()) await table.insertHistory(user.id, hash, 'resetkit')
      }
      return createPostgresUserStore(pool, { ...table.options, statusOf: (state) => (state === 'active' || state === 'locked' ? state : 'frozen') })
    },
  })

  describe('PostgreSQL on a team’s existing tables', () => {
    it('finds an address stored with capitals, through the lower(email) index', async () => {
      const { schema, store, insertUser } = await appUsers()
      await insertUser('u1', 'Alice.Smith@Example.COM', null, ['Alice', 'Smith'], 'h0')
      const found = await store.findByIdentifier({ channel: 'email', value: 'alice.smith@example.com' })
      expect([found?.id, found?.email, found?.names]).toEqual(['u1', 'Alice.Smith@Example.COM', ['Alice', 'Smith']])
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query('SET LOCAL enable_seqscan = off')
        const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM "${schema}".app_users u WHERE lower(u.email) = lower($1)`, ['x@example.com'])
        expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('app_users_email_lower')
        await client.query('ROLLBACK')
      } finally {
        client.release()
      }
    })

    it('without the option, an address stored with capitals is not found (the default matches exactly)', async () => {
      const { options, insertUser } = await appUsers()
      await insertUser('u1', 'Alice@Example.com', null, [], 'h0')
      const exact = createPostgresUserStore(pool, { ...options, emailMatch: 'exact' })
      expect(await exact.findByIdentifier({ channel: 'email', value: 'alice@example.com' })).toBeNull()
    })

    it('finds a phone number stored in national form through the normaliser hook', async () => {
      const { store, insertUser } = await appUsers()
      await insertUser('u1', null, '13800000001', [], 'h0')
      expect((await store.findByIdentifier({ channel: 'phone_number', value: '+8613800000001' }))?.id).toBe('u1')
      expect(await store.findByIdentifier({ channel: 'phone_number', value: '+8613800000002' })).toBeNull()
    })

    it("compare-and-set without a version column: a change made meanwhile (by resetkit or the team's app) is a conflict", async () => {
      const { schema, store, insertUser } = await appUsers()
      await insertUser('u1', 'u1@example.com', null, [], 'h0')
      const before = await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' })
      await pool.query(`UPDATE "${schema}".app_users SET password = 'changed-by-the-app' WHERE id = 'u1'`)
      expect(await store.changePassword({ userId: 'u1', expectedVersion: before?.version ?? -1, newHash: 'h1', historyLimit: 4 })).toBe('conflict')
      const reread = await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' })
      expect(await store.changePassword({ userId: 'u1', expectedVersion: reread?.version ?? -1, newHash: 'h1', historyLimit: 4 })).toBe('changed')
      expect((await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' }))?.passwordHash).toBe('h1')
    })

    it("trims only the rows resetkit wrote: the team's own history rows stay, and are still read", async () => {
      const { store, insertUser, insertHistory, historyRows } = await appUsers()
      await insertUser('u1', 'u1@example.com', null, [], 'h0')
      for (const hash of ['app-1', 'app-2', 'app-3']) await insertHistory('u1', hash, 'app')
      for (const next of ['h1', 'h2', 'h3', 'h4']) {
        const user = await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' })
        expect(await store.changePassword({ userId: 'u1', expectedVersion: user?.version ?? -1, newHash: next, historyLimit: 2 })).toBe('changed')
      }
      expect(await historyRows('u1')).toEqual([
        { hash: 'h3', source: 'resetkit' },
        { hash: 'h2', source: 'resetkit' },
        { hash: 'app-3', source: 'app' },
        { hash: 'app-2', source: 'app' },
        { hash: 'app-1', source: 'app' },
      ])
      expect((await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' }))?.passwordHistory).toEqual(['h3', 'h2', 'app-3', 'app-2', 'app-1'])
    })

    it("trim 'none' (the default for a table of yours) deletes nothing, and a lookup reads at most the newest 100", async () => {
      const { options, insertUser, insertHistory, historyRows } = await appUsers()
      const store = createPostgresUserStore(pool, { ...options, history: { table: 'app_password_history', passwordHash: 'hash' } })
      await insertUser('u1', 'u1@example.com', null, [], 'h0')
      for (let i = 0; i < 120; i++) await insertHistory('u1', `app-${i}`, 'app')
      const user = await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' })
      expect(user?.passwordHistory).toHaveLength(100)
      expect(user?.passwordHistory[0]).toBe('app-119')
      await store.changePassword({ userId: 'u1', expectedVersion: user?.version ?? -1, newHash: 'h1', historyLimit: 2 })
      expect(await historyRows('u1')).toHaveLength(121)
    })

    it('a lookup hands the team’s own history rows to the history check, which finds a reused password in them', async () => {
      const hasher = createFastTestHasher()
      const { store, insertUser, insertHistory } = await appUsers()
      await insertUser('u1', 'u1@example.com', null, [], await hasher.hash('Current-Passw0rd!'))
      await insertHistory('u1', await hasher.hash('Older-Passw0rd!'), 'app')
      const user = await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' })
      const matches = await Promise.all((user?.passwordHistory ?? []).map((hash) => hasher.verify(hash, 'Older-Passw0rd!')))
      expect(matches).toContain(true)
    })
  })
}
