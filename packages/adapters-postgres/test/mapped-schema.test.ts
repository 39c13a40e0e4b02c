import { describeUserStoreContract } from '@resetkit/testing'
import type { UserSeed } from '@resetkit/core'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { AmbiguousIdentifierError, createPostgresUserStore, insertUsers, migrate, type PostgresUserStoreOptions } from '../src/index.js'

const url = process.env['DATABASE_URL']

if (url === undefined || url === '') {
  describe.skip('PostgreSQL adapter on a team’s own tables (DATABASE_URL not set)', () => it('needs DATABASE_URL'))
} else {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  const schemas: string[] = []
  const newSchema = () => {
    const schema = `resetkit_map_${randomUUID().replace(/-/g, '').slice(0, 16)}`
    schemas.push(schema)
    return schema
  }
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  })

  // A team's existing layout: other names, a numeric state, history ordered by a timestamp.
  const mapping = (schema: string): PostgresUserStoreOptions => ({
    schema,
    users: { table: 'accounts', id: 'account_id', email: 'email_lower', phoneNumber: 'msisdn', status: 'state', names: 'display_names', passwordHash: 'pw_hash', version: 'pw_version' },
    history: { table: 'old_passwords', order: 'seq', userId: 'account_id', passwordHash: 'pw_hash', trim: 'all' },
    statusOf: (state) => (state === 2 ? 'frozen' : state === 3 ? 'locked' : 'active'),
  })

  async function teamStore(users: readonly UserSeed[]) {
    const schema = newSchema()
    await pool.query(`CREATE SCHEMA "${schema}"`)
    await pool.query(`CREATE TABLE "${schema}".accounts (account_id text PRIMARY KEY, email_lower text UNIQUE, msisdn text UNIQUE, state int NOT NULL,
      display_names text[] NOT NULL DEFAULT '{}', pw_hash text, pw_version int NOT NULL DEFAULT 0)`)
    await pool.query(`CREATE TABLE "${schema}".old_passwords (seq bigserial PRIMARY KEY, account_id text NOT NULL REFERENCES "${schema}".accounts, pw_hash text NOT NULL)`)
    for (const user of users) {
      await pool.query(`INSERT INTO "${schema}".accounts VALUES ($1, $2, $3, $4, $5, $6)`, [user.id, user.email, user.phoneNumber, user.status === 'frozen' ? 2 : user.status === 'locked' ? 3 : 1, [...user.names], user.passwordHash])
      for (const hash of [...user.passwordHistory].reverse()) await pool.query(`INSERT INTO "${schema}".old_passwords (account_id, pw_hash) VALUES ($1, $2)`, [user.id, hash])
    }
    return createPostgresUserStore(pool, mapping(schema))
  }

  describeUserStoreContract({ name: 'postgres, mapped onto a team’s own tables', make: teamStore })

  describe('PostgreSQL password change atomicity', () => {
    it('a failure inside the transaction leaves the password, version and history as they were', async () => {
      const schema = newSchema()
      await migrate(pool, { schema })
      const seed: UserSeed = { id: 'u1', email: 'u1@example.com', phoneNumber: null, status: 'active', names: [], passwordHash: 'h0', passwordHistory: ['h-1'] }
      await insertUsers(pool, [seed], { schema })
      const store = createPostgresUserStore(pool, { schema })
      const before = await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' })
      // Make the history insert fail after the row is locked: the whole change must roll back.
      await pool.query(`ALTER TABLE "${schema}".resetkit_password_history ADD CONSTRAINT no_more CHECK (false) NOT VALID`)
      await expect(store.changePassword({ userId: 'u1', expectedVersion: before?.version ?? 0, newHash: 'h1', historyLimit: 4 })).rejects.toThrow()
      expect(await store.findByIdentifier({ channel: 'email', value: 'u1@example.com' })).toEqual(before)
    })
  })

  describe('PostgreSQL identifiers and statuses a team’s table may hold', () => {
    async function looseTable() {
      const schema = newSchema()
      await pool.query(`CREATE SCHEMA "${schema}"`)
      // No UNIQUE on the identifiers and a free-text status, as in many existing tables.
      await pool.query(`CREATE TABLE "${schema}".people (id text PRIMARY KEY, email text, phone_number text, status text, names text[], password_hash text, version int NOT NULL DEFAULT 0)`)
      const store = createPostgresUserStore(pool, { schema, users: { table: 'people' }, history: { table: 'people_history' } })
      await pool.query(`CREATE TABLE "${schema}".people_history (id bigserial PRIMARY KEY, user_id text NOT NULL, password_hash text NOT NULL)`)
      const insert = (id: string, email: string, status: string | null) =>
        pool.query(`INSERT INTO "${schema}".people (id, email, status, password_hash) VALUES ($1, $2, $3, 'h0')`, [id, email, status])
      return { store, insert }
    }

    it('by default only the status "active" is active: any other value, or none, is not', async () => {
      const { store, insert } = await looseTable()
      const statuses = ['active', 'frozen', 'deleted', 'pending_verification', 'ACTIVE', null]
      for (const [i, status] of statuses.entries()) await insert(`p${i}`, `p${i}@example.com`, status)
      const seen = await Promise.all(statuses.map(async (_, i) => (await store.findByIdentifier({ channel: 'email', value: `p${i}@example.com` }))?.status))
      expect(seen).toEqual(['active', 'frozen', 'frozen', 'frozen', 'frozen', 'frozen'])
    })

    it('two rows with one email are refused, never resolved to whichever comes first', async () => {
      const { store, insert } = await looseTable()
      await insert('a', 'shared@example.com', 'active')
      await insert('b', 'shared@example.com', 'active')
      await expect(store.findByIdentifier({ channel: 'email', value: 'shared@example.com' })).rejects.toBeInstanceOf(AmbiguousIdentifierError)
      await insert('c', 'single@example.com', 'active')
      expect((await store.findByIdentifier({ channel: 'email', value: 'single@example.com' }))?.id).toBe('c')
    })
  })
}
