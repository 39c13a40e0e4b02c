import { ResultAsync } from 'neverthrow'
import { serverError, temporarilyUnavailable, type ServerError } from './errors.js'
import { isPortUnavailable } from './unavailable.js'

const TIMED_OUT = Symbol('timed out')

// One promise around the call and its timer, not a race of two promises and a finally: a reset
// makes a dozen port calls, and each promise is garbage for the event loop's scavenger.
function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a private symbol, told apart from every port's own rejection
    const timer = setTimeout(() => reject(TIMED_OUT), timeoutMs)
    // A pending port call must not keep the host process alive.
    // Stryker disable next-line OptionalChaining: equivalent on Node, where every timer has unref(); the ?. is for runtimes whose setTimeout returns a number
    timer.unref?.()
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the port's own rejection, passed on as it came for callPort to classify
      (error: unknown) => (clearTimeout(timer), reject(error)),
    )
  })
}

/**
 * The one place where a port's promise becomes a Result: a throw (even a synchronous one) or a
 * rejection becomes a typed ServerError naming the port; no answer within `timeoutMs`, or a
 * `PortUnavailableError` from the adapter, becomes `temporarily_unavailable` (it keeps its cause).
 */
export function callPort<T>(port: string, run: () => Promise<T>, timeoutMs: number): ResultAsync<T, ServerError> {
  const call = Promise.resolve().then(run)
  return ResultAsync.fromPromise(withTimeout(call, timeoutMs), (cause) =>
    cause === TIMED_OUT ? temporarilyUnavailable(port) : isPortUnavailable(cause) ? { ...temporarilyUnavailable(port), cause } : serverError(port, cause),
  )
}

/** Calls ports with one timeout; what each use case holds instead of a bare timeout number. */
export type PortCaller = <T>(port: string, run: () => Promise<T>) => ResultAsync<T, ServerError>

export const DEFAULT_PORT_TIMEOUT_MS = 10_000

export function createPortCaller(timeoutMs: number = DEFAULT_PORT_TIMEOUT_MS): PortCaller {
  if (!(timeoutMs > 0)) throw new TypeError('portTimeoutMs must be a positive number')
  return (port, run) => callPort(port, run, timeoutMs)
}
