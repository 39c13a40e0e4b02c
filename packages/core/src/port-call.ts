import { err, ok, ResultAsync, type Result } from 'neverthrow'
import { serverError, temporarilyUnavailable, type ServerError } from './errors.js'
import { isPortUnavailable } from './unavailable.js'

const failureOf = (port: string, cause: unknown): ServerError => (isPortUnavailable(cause) ? { ...temporarilyUnavailable(port), cause } : serverError(port, cause))

/**
 * The one place where a port's promise becomes a Result: a throw (even a synchronous one) or a
 * rejection becomes a typed ServerError naming the port; no answer within `timeoutMs`, or a
 * `PortUnavailableError` from the adapter, becomes `temporarily_unavailable` (it keeps its cause).
 */
export function callPort<T>(port: string, run: () => Promise<T>, timeoutMs: number): ResultAsync<T, ServerError> {
  // One promise settled by whichever comes first, the port or its timer, not a race of promises
  // and a mapping after it: a reset makes a dozen port calls, and each promise is garbage for
  // the event loop's scavenger. A late answer after the timeout settles nothing.
  const settled = new Promise<Result<T, ServerError>>((resolve) => {
    const timer = setTimeout(() => resolve(err(temporarilyUnavailable(port))), timeoutMs)
    // A pending port call must not keep the host process alive.
    // Stryker disable next-line OptionalChaining: equivalent on Node, where every timer has unref(); the ?. is for runtimes whose setTimeout returns a number
    timer.unref?.()
    const settle = (result: Result<T, ServerError>): void => {
      clearTimeout(timer)
      resolve(result)
    }
    const fail = (cause: unknown): void => settle(err(failureOf(port, cause)))
    try {
      Promise.resolve(run()).then((value) => settle(ok(value)), fail)
    } catch (cause) {
      fail(cause)
    }
  })
  return new ResultAsync(settled)
}

/** Calls ports with one timeout; what each use case holds instead of a bare timeout number. */
export type PortCaller = <T>(port: string, run: () => Promise<T>) => ResultAsync<T, ServerError>

export const DEFAULT_PORT_TIMEOUT_MS = 10_000

export function createPortCaller(timeoutMs: number = DEFAULT_PORT_TIMEOUT_MS): PortCaller {
  if (!(timeoutMs > 0)) throw new TypeError('portTimeoutMs must be a positive number')
  return (port, run) => callPort(port, run, timeoutMs)
}
