import type { UserSeed } from '@resetkit/core'
import type { Pool } from 'pg'
import { quote } from './names.js'

/**
 * Inserts users (and their history, newest first) into resetkit's tables: tests, fixtures, demo
 * seeds. A user whose id already exists is left as it is, so several instances may seed at once.
 */
export async function insertUsers(pool: Pool, users: readonly UserSeed[], { schema = 'public' }: { schema?: string } = {}): Promise<void> {
  const s = quote(schema)
  for (const user of users) {
    const inserted = await pool.query(
      `INSERT INTO ${s}.resetkit_users (id, email, phone_number, status, names, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [user.id, user.email, user.phoneNumber, user.status, [...user.names], user.passwordHash],
    )
    if (inserted.rowCount === 0) continue
    // Oldest first, so the growing id orders them newest first.
    for (const hash of [...user.passwordHistory].reverse()) {
      await pool.query(`INSERT INTO ${s}.resetkit_password_history (user_id, password_hash) VALUES ($1, $2)`, [user.id, hash])
    }
  }
}
