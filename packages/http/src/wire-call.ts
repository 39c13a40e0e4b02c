import { createPortCaller, mapErrAsync } from '@resetkit/core/internal'
import type { ResultAsync } from 'neverthrow'
import type { WireError } from './http-errors.js'
import { fromUseCaseError } from './responses.js'

/** Calls a port of the HTTP layer's own (clients, tokens, rate limits); a failure comes back in the contract's words. */
export type WireCaller = <T>(port: string, run: () => Promise<T>) => ResultAsync<T, WireError>

/** One timeout for every port call the HTTP layer makes, as core's use cases have theirs. */
export function createWireCaller(portTimeoutMs?: number): WireCaller {
  const call = createPortCaller(portTimeoutMs)
  return (port, run) => mapErrAsync(call(port, run), fromUseCaseError)
}
