import { createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { describeResetFlowContract, describeUserStoreContract } from '@resetkit/testing'
import type { UserSeed } from '@resetkit/core'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, it } from 'vitest'
import { createPostgresUserStore, insertUsers, migrate } from '../src/index.js'

const url = process.env['DATABASE_URL']

if (url === undefined || url === '') {
  console.log('DATABASE_URL is not set: skipping the PostgreSQL adapter suites (.ci/run sets it).')
  describe.skip('PostgreSQL adapter (DATABASE_URL not set)', () => it('needs DATABASE_URL'))
} else {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000 })
  const schemas: string[] = []

  /** A fresh schema per store, so tests never see each other's rows. */
  async function fresh(users: readonly UserSeed[]) {
    const schema = `resetkit_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`
    schemas.push(schema)
    await migrate(pool, { schema })
    await insertUsers(pool, users, { schema })
    return createPostgresUserStore(pool, { schema })
  }

  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  })

  describeUserStoreContract({ name: 'postgres', make: fresh })
  describeResetFlowContract({ name: 'postgres users', make: async (users) => ({ users: await fresh(users), otpStore: createMemoryOtpStore(), windows: createMemoryWindowBudget() }) })
}
