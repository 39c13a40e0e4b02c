import type { WindowBudget } from '@resetkit/core'
import { randomUUID } from 'node:crypto'
import type { Pool } from 'pg'
import { guardPool, queryRows, reportToStderr, transactionRetriedBeforeBegin, type PoolErrorListener } from './connection.js'
import { quote } from './names.js'

export interface PostgresWindowBudgetOptions {
  /** Where `migrate` put the tables; default `public`. */
  readonly schema?: string
  /** Expired entries of other windows deleted per reservation (walking the expiry index). Default 16. */
  readonly purgePerReservation?: number
  readonly onPoolError?: PoolErrorListener
}

const PURGE_SLACK_MS = 60_000

// The server's clock in ms: every instance's windows share one timeline, whatever their clocks say.
const SERVER_NOW = `(extract(epoch from clock_timestamp()) * 1000)::bigint`

/**
 * The send windows and guess budgets in PostgreSQL, shared by every instance: one row per
 * entry. A reservation is one transaction that takes a transaction-scoped advisory lock per
 * window (in key order, so two reservations never deadlock), checks every window, and writes
 * to all of them or to none. Time is the database server's (`clock_timestamp()`), so `now` is
 * ignored, as Redis's budget ignores it.
 *
 * @example
 * const windows = createPostgresWindowBudget(pool) // after migrate(pool)
 */
export function createPostgresWindowBudget(pool: Pool, options: PostgresWindowBudgetOptions = {}): WindowBudget {
  const table = `${quote(options.schema ?? 'public')}.${quote('resetkit_window_entries')}`
  const purgePerReservation = options.purgePerReservation ?? 16
  const onPoolError = options.onPoolError ?? reportToStderr
  guardPool(pool, onPoolError)

  return {
    reserve({ windows }) {
      const id = randomUUID()
      const ordered = [...windows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      return transactionRetriedBeforeBegin(pool, onPoolError, async (client) => {
        for (const { key } of ordered) await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`resetkit:${key}`])
        // The time is read once the locks are held: read before, a reservation that waited could
        // stamp an entry earlier than one already written, and see a cooldown as negative.
        const [{ now } = { now: '0' }] = (await client.query<{ now: string }>(`SELECT ${SERVER_NOW} AS now`)).rows
        const at = Number(now)
        for (const { key, cooldownMs, maxPerWindow, windowMs } of windows) {
          await client.query(`DELETE FROM ${table} WHERE window_key = $1 AND at_ms <= $2`, [key, at - windowMs])
          const { rows } = await client.query<{ count: string; first: string | null; last: string | null }>(
            `SELECT count(*) AS count, min(at_ms) AS first, max(at_ms) AS last FROM ${table} WHERE window_key = $1`,
            [key],
          )
          const { count, first, last } = rows[0] ?? { count: '0', first: null, last: null }
          if (cooldownMs > 0 && last !== null && at - Number(last) < cooldownMs) return { allowed: false as const, retryAfterMs: cooldownMs - (at - Number(last)), window: key }
          if (Number(count) >= maxPerWindow) return { allowed: false as const, retryAfterMs: Number(first) + windowMs - at, window: key }
        }
        for (const { key, windowMs } of windows) {
          await client.query(`INSERT INTO ${table} (window_key, entry_id, at_ms, expires_ms) VALUES ($1, $2, $3, $4)`, [key, id, at, at + windowMs])
        }
        if (purgePerReservation > 0) {
          // Other windows' long-expired entries, a minute past expiry: never one another
          // reservation (under its own lock, on its own clock reading) could still count.
          await client.query(
            `DELETE FROM ${table} WHERE (window_key, entry_id) IN (SELECT window_key, entry_id FROM ${table} WHERE expires_ms < $1 ORDER BY expires_ms LIMIT $2)`,
            [at - PURGE_SLACK_MS, purgePerReservation],
          )
        }
        return { allowed: true as const, id }
      })
    },
    async release(key, id) {
      await queryRows(pool, `DELETE FROM ${table} WHERE window_key = $1 AND entry_id = $2`, [key, id])
    },
  }
}
