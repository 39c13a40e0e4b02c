import { PortUnavailableError } from '@resetkit/core'
import { UNREACHABLE_ERRNOS } from '@resetkit/core/internal'
import type { Redis } from 'ioredis'

/**
 * What the adapter says about its connection: `lost` once when it fails (the error's class,
 * never its message), `restored` when it is back, with how many errors it saw meanwhile.
 */
export type RedisConnectionEvent =
  | { readonly event: 'lost'; readonly errorClass: string; readonly code?: string }
  | { readonly event: 'restored'; readonly errors: number }

export type RedisConnectionListener = (event: RedisConnectionEvent) => void

/** The default: one stderr line when the connection is lost and one when it is back. */
export const reportToStderr: RedisConnectionListener = (event) =>
  console.warn(
    event.event === 'lost'
      ? `resetkit redis: connection lost (${event.errorClass}${event.code === undefined ? '' : ` ${event.code}`}); requests answer 503 until it is back`
      : `resetkit redis: connection restored after ${event.errors} error${event.errors === 1 ? '' : 's'}`,
  )

const watched = new WeakSet<Redis>()

/**
 * Listens for the client's 'error' events. Without a listener ioredis prints a stack line for
 * every failed reconnection (about one a second); with one, an outage is one line and its end
 * another. Idempotent per client.
 */
export function watchConnection(redis: Redis, listener: RedisConnectionListener = reportToStderr): void {
  if (watched.has(redis)) return
  watched.add(redis)
  let errors = 0
  redis.on('error', (error: unknown) => {
    if (errors++ === 0) {
      const code = (error as { code?: unknown } | null)?.code
      listener({ event: 'lost', errorClass: error instanceof Error ? error.constructor.name : typeof error, ...(typeof code === 'string' ? { code } : {}) })
    }
  })
  redis.on('ready', () => {
    if (errors > 0) listener({ event: 'restored', errors })
    errors = 0
  })
}

const UNAVAILABLE_MESSAGES = [/^Connection is closed/, /enableOfflineQueue/, /^Stream isn't writeable/, /^Reached the max retries per request limit/, /^Command timed out/, /^LOADING/, /^READONLY/, /^MASTERDOWN/, /^TRYAGAIN/]

/**
 * Whether a command failed because Redis cannot be reached right now (a connection lost or
 * not yet made, a server loading or failing over), not because of a bug: then it is a 503.
 */
export function isConnectionLoss(redis: Redis, error: unknown): boolean {
  if (redis.status !== 'ready') return true
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (error.name === 'MaxRetriesPerRequestError' || (typeof code === 'string' && UNREACHABLE_ERRNOS.has(code))) return true
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))
}

/** Runs one Redis call, rethrowing a connection loss as `PortUnavailableError`. */
export async function guarded<T>(redis: Redis, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw isConnectionLoss(redis, error) ? new PortUnavailableError('redis', { cause: error }) : error
  }
}
