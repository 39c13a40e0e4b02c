import type { Identifier, UserRecord, UserStatus, UserStore } from '@resetkit/core'
import { createHash } from 'node:crypto'
import type { Pool } from 'pg'
import { guardPool, queryRows, reportToStderr, transactionRetriedBeforeBegin, type PoolErrorListener } from './connection.js'
import { resolveNames, type TableMapping } from './names.js'

export interface PostgresUserStoreOptions extends TableMapping {
  /**
   * Reads your status column. Default: only 'active' is active; 'locked' is locked; 'frozen' and every value this
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
  /**
   * How the email column is matched. `'exact'` (default) finds the address as resetkit
   * normalises it (trimmed, lower-case); `'case-insensitive'` compares `lower(column)`, for
   * tables that keep addresses as users typed them. Index it:
   * `CREATE UNIQUE INDEX … ON users (lower(email))`.
   */
  readonly emailMatch?: 'exact' | 'case-insensitive'
  /**
   * The forms a phone number may be stored in, given the E.164 form resetkit looks up
   * (`'+8613800000001'` → `['+8613800000001', '13800000001']`); the lookup is
   * `column = ANY(…)`, which a plain index on the column serves. Default: E.164 only.
   */
  readonly phoneNumberAsStored?: (e164: string) => readonly string[]
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

const defaultStatusOf = (raw: unknown): UserStatus => (raw === 'active' ? 'active' : raw === 'locked' ? 'locked' : 'frozen')

// The newest history rows read per lookup: the policy compares at most 100 (its largest N).
const HISTORY_READ_LIMIT = 100

/**
 * A version for tables without a version column: 48 bits of the current hash's SHA-256. Hashes
 * are salted, so a new password never brings an old version back; 0 stands for "no password".
 */
const versionOfHash = (hash: string | null): number =>
  hash === null ? 0 : 1 + createHash('sha256').update(hash).digest().readUIntBE(0, 6)

interface UserRow {
  id: string
  email: string | null
  phone_number: string | null
  status: unknown
  names: string[] | null
  password_hash: string | null
  version: string | null
  history: string[]
}

/**
 * Users in PostgreSQL through your `pg.Pool`. A password change is one transaction: lock the
 * user's row, compare the version (or the current hash), move the current hash into history,
 * trim history to the limit (as `history.trim` allows), store the new hash, commit. Anything failing rolls back: nothing is half written.
 *
 * @example
 * const users = createPostgresUserStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }))
 */
export function createPostgresUserStore(pool: Pool, options: PostgresUserStoreOptions = {}): UserStore {
  const n = resolveNames(options)
  const statusOf = options.statusOf ?? defaultStatusOf
  const onPoolError = options.onPoolError ?? reportToStderr
  guardPool(pool, onPoolError)
  const versionColumn = n.version
  const select = (where: string) => `
    SELECT u.${n.id} AS id, u.${n.email} AS email, u.${n.phoneNumber} AS phone_number, u.${n.status} AS status,
           ${n.namesOf} AS names, u.${n.passwordHash} AS password_hash,
           ${versionColumn === null ? 'NULL' : `u.${versionColumn}::text`} AS version,
           COALESCE((SELECT array_agg(newest.hash ORDER BY newest.ord DESC) FROM
                       (SELECT h.${n.historyHash} AS hash, h.${n.historyOrder} AS ord FROM ${n.history} h
                         WHERE h.${n.historyUserId} = u.${n.id} ORDER BY h.${n.historyOrder} DESC LIMIT ${HISTORY_READ_LIMIT}) newest), '{}') AS history
      FROM ${n.users} u WHERE ${where} LIMIT 2`
  const byEmail = select(options.emailMatch === 'case-insensitive' ? `lower(u.${n.email}) = lower($1)` : `u.${n.email} = $1`)
  const byPhone = select(`u.${n.phoneNumber} = ANY($1::text[])`)
  const byId = select(`u.${n.id} = $1`)
  const phoneForms = options.phoneNumberAsStored ?? ((e164: string) => [e164])

  const toRecord = (row: UserRow): UserRecord => ({
    id: row.id,
    email: row.email,
    phoneNumber: row.phone_number,
    status: statusOf(row.status),
    names: row.names ?? [],
    passwordHash: row.password_hash,
    passwordHistory: row.history,
    version: row.version === null ? versionOfHash(row.password_hash) : Number(row.version),
  })

  const { trim } = n
  const insertHistory =
    typeof trim === 'string'
      ? `INSERT INTO ${n.history} (${n.historyUserId}, ${n.historyHash}) VALUES ($1, $2)`
      : `INSERT INTO ${n.history} (${n.historyUserId}, ${n.historyHash}, ${trim.column}) VALUES ($1, $2, $3)`
  const insertParams = (userId: string, hash: string): unknown[] => (typeof trim === 'string' ? [userId, hash] : [userId, hash, trim.value])
  // Only rows beyond the limit, and (when marked) only resetkit's own; the newest are kept whoever wrote them.
  const trimHistory =
    trim === 'none'
      ? undefined
      : `DELETE FROM ${n.history} WHERE ${n.historyUserId} = $1 ${trim === 'all' ? '' : `AND ${trim.column} = $3`} AND ${n.historyOrder} NOT IN
           (SELECT ${n.historyOrder} FROM ${n.history} WHERE ${n.historyUserId} = $1 ORDER BY ${n.historyOrder} DESC LIMIT $2)`
  const trimParams = (userId: string, limit: number): unknown[] => (typeof trim === 'string' ? [userId, limit] : [userId, limit, trim.value])
  const currentOf = `SELECT ${n.passwordHash} AS password_hash, ${versionColumn === null ? 'NULL' : `${versionColumn}::text`} AS version FROM ${n.users} WHERE ${n.id} = $1 FOR UPDATE`
  const update =
    versionColumn === null
      ? `UPDATE ${n.users} SET ${n.passwordHash} = $2 WHERE ${n.id} = $1`
      : `UPDATE ${n.users} SET ${n.passwordHash} = $2, ${versionColumn} = ${versionColumn} + 1 WHERE ${n.id} = $1`

  return {
    async findByIdentifier(identifier: Identifier) {
      const [query, value] = identifier.channel === 'email' ? [byEmail, identifier.value] : [byPhone, [...phoneForms(identifier.value)]]
      const rows = await queryRows<UserRow>(pool, query, [value])
      if (rows.length > 1) throw new AmbiguousIdentifierError(identifier.channel)
      return rows[0] === undefined ? null : toRecord(rows[0])
    },

    async findById(userId: string) {
      const [row] = await queryRows<UserRow>(pool, byId, [userId])
      return row === undefined ? null : toRecord(row)
    },

    changePassword({ userId, expectedVersion, newHash, historyLimit }) {
      // A connection lost mid-transaction is rolled back by the server: nothing is half written.
      // Only a change whose BEGIN never went through is tried again on another connection.
      return transactionRetriedBeforeBegin(pool, onPoolError, async (client) => {
        const { rows } = await client.query<{ password_hash: string | null; version: string | null }>(currentOf, [userId])
        const current = rows[0]
        const version = current === undefined ? undefined : current.version === null ? versionOfHash(current.password_hash) : Number(current.version)
        // Nothing written yet: committing now only lets go of the row lock.
        if (current === undefined || version !== expectedVersion) return 'conflict' as const
        if (current.password_hash !== null && historyLimit > 0) {
          await client.query(insertHistory, insertParams(userId, current.password_hash))
        }
        if (trimHistory !== undefined) await client.query(trimHistory, trimParams(userId, historyLimit))
        await client.query(update, [userId, newHash])
        return 'changed' as const
      })
    },
  }
}
