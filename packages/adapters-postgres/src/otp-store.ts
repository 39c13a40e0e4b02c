import type { OtpRecord, OtpStore, OtpUsage } from '@resetkit/core'
import { liveCodeKey } from '@resetkit/core/internal'
import type { Pool } from 'pg'
import { guardPool, queryRows, reportToStderr, type PoolErrorListener } from './connection.js'
import { quote } from './names.js'

export interface PostgresOtpStoreOptions {
  /** Where `migrate` put the tables; default `public`. */
  readonly schema?: string
  /** Kept this long past expiry, so a late request reads "expired" rather than "unknown". Default 60 s. */
  readonly graceMs?: number
  /** Expired rows deleted per issued code (walking the expiry index), so the table stays small. Default 16. */
  readonly purgePerIssue?: number
  readonly onPoolError?: PoolErrorListener
}

export interface PostgresOtpStore extends OtpStore {
  /** Deletes up to `limit` rows expired (plus grace) before `now`, oldest first; returns how many. */
  purgeExpired(now: number, limit?: number): Promise<number>
}

interface OtpRow {
  token_id: string
  client_id: string
  usage: string
  channel: string
  identifier: string
  code_hash: string
  issued_at: string
  expires_at: string
  attempts: number
  consumed: boolean
}

const toRecord = (row: OtpRow): OtpRecord => ({
  tokenId: row.token_id,
  clientId: row.client_id,
  usage: row.usage as OtpUsage,
  identifier: row.channel === 'phone_number' ? { channel: 'phone_number', value: row.identifier } : { channel: 'email', value: row.identifier },
  codeHash: row.code_hash,
  issuedAt: Number(row.issued_at),
  expiresAt: Number(row.expires_at),
  attempts: row.attempts,
  consumed: row.consumed,
})

/**
 * OTP state in PostgreSQL, shared by every instance, for teams without Redis. Every
 * check-and-write is one statement (`UPDATE … WHERE … RETURNING`), which PostgreSQL runs under
 * the row's lock, so parallel attempts and consumes are exact. Issuing a code replaces its
 * flow's row in one upsert and deletes a few expired rows through the expiry index.
 *
 * @example
 * const otpStore = createPostgresOtpStore(pool) // after migrate(pool)
 */
export function createPostgresOtpStore(pool: Pool, options: PostgresOtpStoreOptions = {}): PostgresOtpStore {
  const table = `${quote(options.schema ?? 'public')}.${quote('resetkit_otp')}`
  const graceMs = options.graceMs ?? 60_000
  const purgePerIssue = options.purgePerIssue ?? 16
  guardPool(pool, options.onPoolError ?? reportToStderr)

  const query = <R extends object>(text: string, values: unknown[]): Promise<R[]> => queryRows<R>(pool, text, values)
  // Writes are single statements: one that never reached the server may be sent again.
  const changed = async (text: string, values: unknown[]): Promise<boolean> => (await query(text, values)).length > 0

  const purgeExpired = async (now: number, limit = 100): Promise<number> =>
    (await query(
      `DELETE FROM ${table} WHERE token_id IN (SELECT token_id FROM ${table} WHERE expires_at < $1 ORDER BY expires_at LIMIT $2) RETURNING 1`,
      [now - graceMs, limit],
    )).length

  return {
    async issue(record) {
      await query(
        `INSERT INTO ${table} (token_id, live_key, client_id, usage, channel, identifier, code_hash, issued_at, expires_at, attempts, consumed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (live_key) DO UPDATE SET token_id = EXCLUDED.token_id, code_hash = EXCLUDED.code_hash, issued_at = EXCLUDED.issued_at,
           expires_at = EXCLUDED.expires_at, attempts = EXCLUDED.attempts, consumed = EXCLUDED.consumed`,
        [record.tokenId, liveCodeKey(record), record.clientId, record.usage, record.identifier.channel, record.identifier.value, record.codeHash, record.issuedAt, record.expiresAt, record.attempts, record.consumed],
      )
      if (purgePerIssue > 0) await purgeExpired(record.issuedAt, purgePerIssue)
    },
    async findByTokenId(tokenId) {
      const [row] = await query<OtpRow>(`SELECT * FROM ${table} WHERE token_id = $1`, [tokenId])
      return row === undefined ? null : toRecord(row)
    },
    reserveAttempt: (tokenId, maxAttempts) => changed(`UPDATE ${table} SET attempts = attempts + 1 WHERE token_id = $1 AND attempts < $2 RETURNING 1`, [tokenId, maxAttempts]),
    async refundAttempt(tokenId) {
      await changed(`UPDATE ${table} SET attempts = attempts - 1 WHERE token_id = $1 AND attempts > 0 RETURNING 1`, [tokenId])
    },
    consume: (tokenId, now) => changed(`UPDATE ${table} SET consumed = true WHERE token_id = $1 AND NOT consumed AND expires_at > $2 RETURNING 1`, [tokenId, now]),
    async release(tokenId) {
      await changed(`UPDATE ${table} SET consumed = false WHERE token_id = $1 RETURNING 1`, [tokenId])
    },
    purgeExpired,
  }
}
