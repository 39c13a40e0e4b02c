import { readFile } from 'node:fs/promises'
import type { Pool } from 'pg'
import { inTransaction, reportToStderr } from './connection.js'
import { quote } from './names.js'

/** The shipped migrations, in order. */
export const MIGRATIONS = ['001_users.sql', '002_otp.sql', '003_user_status_locked.sql'] as const

/**
 * Applies resetkit's schema (idempotent) in `schema`, in one transaction.
 *
 * @example
 * await migrate(pool)                        // public schema
 * await migrate(pool, { schema: 'auth' })
 */
export async function migrate(pool: Pool, { schema = 'public' }: { schema?: string } = {}): Promise<void> {
  await inTransaction(pool, reportToStderr, async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`)
    await client.query(`SET LOCAL search_path TO ${quote(schema)}`)
    for (const file of MIGRATIONS) {
      await client.query(await readFile(new URL(`../migrations/${file}`, import.meta.url), 'utf8'))
    }
  })
}
