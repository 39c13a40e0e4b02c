import { isPortUnavailable, PortUnavailableError } from '@resetkit/core'
import { UNREACHABLE_ERRNOS } from '@resetkit/core/internal'
import type { Pool, PoolClient } from 'pg'

/** What a dropped connection is reported as: its class and SQLSTATE or errno code, never its message. */
export interface PoolErrorReport {
  readonly errorClass: string
  readonly code?: string
}

export type PoolErrorListener = (report: PoolErrorReport) => void

// SQLSTATE class 08 (connection exception) and the server shutting down or refusing for now;
// socket-level failures are core's UNREACHABLE_ERRNOS.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])
// pg and pg-pool raise these as plain Errors with no code.
const UNAVAILABLE_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect$/, /^Client has encountered a connection error/, /^Client was closed/]

/** Whether a pg error means "the database cannot be reached right now", not a bug or bad SQL. */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNREACHABLE_ERRNOS.has(code))) return true
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))
}

/** Rethrows a connection loss as `PortUnavailableError` (a 503), anything else as it is (a 500). */
export function asPortError(error: unknown): unknown {
  return isConnectionLoss(error) ? new PortUnavailableError('postgres', { cause: error }) : error
}

export const reportOf = (error: unknown): PoolErrorReport => {
  const code = (error as { code?: unknown } | null)?.code
  // The constructor's name: pg's DatabaseError sets `name` to the protocol's severity field.
  return { errorClass: error instanceof Error ? error.constructor.name : typeof error, ...(typeof code === 'string' ? { code } : {}) }
}

/** The default listener: one line on stderr per failed connection, class and code only. */
export const reportToStderr: PoolErrorListener = ({ errorClass, code }) =>
  console.warn(`resetkit postgres: a pooled connection failed (${errorClass}${code === undefined ? '' : ` ${code}`}); the pool replaces it`)

const guarded = new WeakSet<Pool>()

/**
 * Listens for the errors a pool raises for its idle clients (the server ending an idle backend:
 * a restart, a failover, `idle_session_timeout`, a pooler restart). Without a listener Node turns
 * that 'error' event into an uncaught exception and the process dies. Idempotent per pool.
 */
export function guardPool(pool: Pool, listener: PoolErrorListener = reportToStderr): void {
  if (guarded.has(pool)) return
  guarded.add(pool)
  pool.on('error', (error) => listener(reportOf(error)))
}

// A connection the server ended while it sat idle in the pool: the next one may be fine.
const STALE_SQLSTATES = new Set(['57P01', '57P02', '08006', '08003'])
const STALE_MESSAGES = [/^Connection terminated unexpectedly$/, /^Client has encountered a connection error and is not queryable$/]

function isStaleConnection(error: unknown): boolean {
  const cause = isPortUnavailable(error) ? (error as Error).cause : error
  if (!(cause instanceof Error)) return false
  const code = (cause as { code?: unknown }).code
  return (typeof code === 'string' && STALE_SQLSTATES.has(code)) || STALE_MESSAGES.some((pattern) => pattern.test(cause.message))
}

/**
 * Runs `attempt` again when it failed on a connection the server had already ended (an idle
 * client whose termination the pool has not yet noticed), at most once per client the pool may
 * hold, since after a restart every idle one is dead. Only for work that had no effect when it
 * failed: a read, or a transaction that never got past BEGIN. A refused new connection is not
 * retried: that is an outage, and it is answered at once.
 */
export async function retryOnStaleConnection<T>(pool: Pool, attempt: () => Promise<T>, hadNoEffect: () => boolean = () => true): Promise<T> {
  const tries = 1 + Math.max(1, pool.options.max ?? 10)
  for (let tried = 1; ; tried++) {
    try {
      return await attempt()
    } catch (error) {
      if (tried >= tries || !isStaleConnection(error) || !hadNoEffect()) throw error
    }
  }
}

/**
 * A checked-out client for one transaction. While it is out, the pool no longer listens for its
 * errors, so this does; a client that failed is destroyed on release rather than reused.
 */
export async function withClient<T>(pool: Pool, listener: PoolErrorListener, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect().catch((error: unknown) => {
    throw asPortError(error)
  })
  let failure: Error | undefined
  const onError = (error: Error): void => {
    failure = error
    listener(reportOf(error))
  }
  client.on('error', onError)
  try {
    return await work(client)
  } catch (error) {
    failure ??= error instanceof Error && isConnectionLoss(error) ? error : undefined
    throw asPortError(error)
  } finally {
    client.removeListener('error', onError)
    client.release(failure)
  }
}

/**
 * One transaction on one checked-out client: BEGIN, `work`, COMMIT; anything thrown rolls back
 * and is rethrown (a connection loss as `PortUnavailableError`). `onBegun` is told once BEGIN
 * reached the server, so a caller knows whether a retry could repeat an effect.
 */
export function inTransaction<T>(pool: Pool, listener: PoolErrorListener, work: (client: PoolClient) => Promise<T>, onBegun: () => void = () => {}): Promise<T> {
  return withClient(pool, listener, async (client) => {
    await client.query('BEGIN')
    onBegun()
    try {
      const value = await work(client)
      await client.query('COMMIT')
      return value
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    }
  })
}

/**
 * One statement on the pool, sent again if it met a connection the server had already ended
 * (it never ran, so a write is safe to resend too); any other connection loss rejects as
 * `PortUnavailableError`.
 */
export async function queryRows<R extends object>(pool: Pool, text: string, values: readonly unknown[]): Promise<R[]> {
  try {
    return (await retryOnStaleConnection(pool, () => pool.query<R>(text, [...values]))).rows
  } catch (error) {
    throw asPortError(error)
  }
}

/**
 * `inTransaction`, sent again on another connection only if it failed before its BEGIN reached
 * the server: a transaction that began may have had effects, and is never repeated.
 */
export function transactionRetriedBeforeBegin<T>(pool: Pool, listener: PoolErrorListener, work: (client: PoolClient) => Promise<T>): Promise<T> {
  let began = false
  return retryOnStaleConnection(
    pool,
    () => inTransaction(pool, listener, work, () => (began = true)),
    () => !began,
  )
}
