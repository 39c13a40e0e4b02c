import type { Identifier, UserRecord, UserStatus, UserStore } from '@resetkit/core'
import type { Pool } from 'pg'
import { asPortError, guardPool, inTransaction, reportToStderr, retryOnStaleConnection, type PoolErrorListener } from './connection.js'
import { resolveNames, type TableMapping } from './names.js'

export interface PostgresUserStoreOptions extends TableMapping {
  /**
   * Reads your status column. Default: only 'active' is active; 'frozen' and every value this
   * store does not know (a 'deleted', a 'pending', a NULL) are not, so a status added to your
   * table later can never let its users reset.
   */
  readonly statusOf?: (raw: unknown) => UserStatus
  /**
   * Told of every pooled connection that fails (class and code, never the message); by default
   * one line on stderr. The store listens on the pool's 'error' event for you: without a listener
   * a dropped idle connection is an uncaught exception that ends the process.
   */
  readonly onPoolError?: PoolErrorListener
}

/**
 * Two rows share the email or phone number asked for. The store never picks one: a reset for
 * one person must not change another's password. Make the column unique (see the README).
 */
export class AmbiguousIdentifierError extends Error {
  override readonly name = 'AmbiguousIdentifierError'
  constructor(channel: Identifier['channel']) {
    super(`more than one user has this ${channel === 'email' ? 'email' : 'phone number'}`)
  }
}

const defaultStatusOf = (raw: unknown): UserStatus => (raw === 'active' ? 'active' : 'frozen')

interface UserRow {
  id: string
  email: string | null
  phone_number: string | null
  status: unknown
  names: string[] | null
  password_hash: string | null
  version: string
  history: string[]
}

/**
 * Users in PostgreSQL through your `pg.Pool`. A password change is one transaction: lock the
 * user's row, compare the version, move the current hash into history, trim history to the
 * limit, store the new hash, commit. Anything failing rolls back: nothing is half written.
 *
 * @example
 * const users = createPostgresUserStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }))
 */
export function createPostgresUserStore(pool: Pool, options: PostgresUserStoreOptions = {}): UserStore {
  const n = resolveNames(options)
  const statusOf = options.statusOf ?? defaultStatusOf
  const onPoolError = options.onPoolError ?? reportToStderr
  guardPool(pool, onPoolError)
  const select = (column: string) => `
    SELECT u.${n.id} AS id, u.${n.email} AS email, u.${n.phoneNumber} AS phone_number, u.${n.status} AS status,
           u.${n.names} AS names, u.${n.passwordHash} AS password_hash, u.${n.version}::text AS version,
           COALESCE((SELECT array_agg(h.${n.historyHash} ORDER BY h.${n.historyOrder} DESC)
                       FROM ${n.history} h WHERE h.${n.historyUserId} = u.${n.id}), '{}') AS history
      FROM ${n.users} u WHERE u.${column} = $1 LIMIT 2`
  const byEmail = select(n.email)
  const byPhone = select(n.phoneNumber)

  const toRecord = (row: UserRow): UserRecord => ({
    id: row.id,
    email: row.email,
    phoneNumber: row.phone_number,
    status: statusOf(row.status),
    names: row.names ?? [],
    passwordHash: row.password_hash,
    passwordHistory: row.history,
    version: Number(row.version),
  })

  return {
    async findByIdentifier(identifier: Identifier) {
      const query = identifier.channel === 'email' ? byEmail : byPhone
      const { rows } = await retryOnStaleConnection(pool, () => pool.query<UserRow>(query, [identifier.value])).catch((error: unknown) => {
        throw asPortError(error)
      })
      if (rows.length > 1) throw new AmbiguousIdentifierError(identifier.channel)
      return rows[0] === undefined ? null : toRecord(rows[0])
    },

    changePassword({ userId, expectedVersion, newHash, historyLimit }) {
      let began = false
      // A connection lost mid-transaction is rolled back by the server: nothing is half written.
      // Only a change whose BEGIN never went through is tried again on another connection.
      const attempt = () =>
        inTransaction(
          pool,
          onPoolError,
          async (client) => {
            const { rows } = await client.query<{ password_hash: string | null; version: string }>(
              `SELECT ${n.passwordHash} AS password_hash, ${n.version}::text AS version FROM ${n.users} WHERE ${n.id} = $1 FOR UPDATE`,
              [userId],
            )
            const current = rows[0]
            // Nothing written yet: committing now only lets go of the row lock.
            if (current === undefined || Number(current.version) !== expectedVersion) return 'conflict' as const
            if (current.password_hash !== null && historyLimit > 0) {
              await client.query(`INSERT INTO ${n.history} (${n.historyUserId}, ${n.historyHash}) VALUES ($1, $2)`, [userId, current.password_hash])
            }
            await client.query(
              `DELETE FROM ${n.history} WHERE ${n.historyUserId} = $1 AND ${n.historyOrder} NOT IN
                 (SELECT ${n.historyOrder} FROM ${n.history} WHERE ${n.historyUserId} = $1 ORDER BY ${n.historyOrder} DESC LIMIT $2)`,
              [userId, historyLimit],
            )
            await client.query(`UPDATE ${n.users} SET ${n.passwordHash} = $2, ${n.version} = ${n.version} + 1 WHERE ${n.id} = $1`, [userId, newHash])
            return 'changed' as const
          },
          () => (began = true),
        )
      return retryOnStaleConnection(pool, attempt, () => !began)
    },
  }
}
