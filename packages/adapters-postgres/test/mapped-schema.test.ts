import { describeUserStoreContract } from '@resetkit/core/testing'
import type { UserSeed } from '@resetkit/core'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createPostgresUserStore, insertUsers, migrate, type PostgresUserStoreOptions } from '../src/index.js'

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
    history: { table: 'old_passwords', order: 'seq', userId: 'account_id', passwordHash: 'pw_hash' },
    statusOf: (state) => (state === 2 ? 'frozen' : 'active'),
  })

  async function teamStore(users: readonly UserSeed[]) {
    const schema = newSchema()
    await pool.query(`CREATE SCHEMA "${schema}"`)
    await pool.query(`CREATE TABLE "${schema}".accounts (account_id text PRIMARY KEY, email_lower text UNIQUE, msisdn text UNIQUE, state int NOT NULL,
      display_names text[] NOT NULL DEFAULT '{}', pw_hash text, pw_version int NOT NULL DEFAULT 0)`)
    await pool.query(`CREATE TABLE "${schema}".old_passwords (seq bigserial PRIMARY KEY, account_id text NOT NULL REFERENCES "${schema}".accounts, pw_hash text NOT NULL)`)
    for (const user of users) {
      await pool.query(`INSERT INTO "${schema}".accounts VALUES ($1, $2, $3, $4, $5, $6)`, [user.id, user.email, user.phoneNumber, user.status === 'frozen' ? 2 : 1, [...user.names], user.passwordHash])
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
}
