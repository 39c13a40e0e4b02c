/**
 * How an adapter says "the service behind me cannot be reached right now" (a dropped
 * connection, a server restarting, a pool that cannot connect): the use case then answers
 * `temporarily_unavailable` (503, retry later) instead of `server_error` (500, a bug).
 *
 * Recognised by a registered symbol rather than `instanceof`, so two copies of core in one
 * install still agree.
 */
const UNAVAILABLE = Symbol.for('resetkit.port-unavailable')

export class PortUnavailableError extends Error {
  override readonly name = 'PortUnavailableError'
  readonly [UNAVAILABLE] = true
  constructor(service: string, options?: { readonly cause?: unknown }) {
    // The message names the service only: a driver's own message may quote what it was sent.
    super(`${service} is unavailable`, options)
  }
}

/**
 * The socket-level errno codes Node reports while a server cannot be reached (refused, reset,
 * timed out, no route, no name): what every network adapter treats as "unavailable", not a bug.
 */
export const UNREACHABLE_ERRNOS: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

export function isPortUnavailable(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && (cause as { [UNAVAILABLE]?: unknown })[UNAVAILABLE] === true
}
