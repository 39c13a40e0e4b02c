import { callPort } from './port-call.js'

export type AfterResetEffect = 'sessions.revokeAllForUser' | 'notifier.notify'

export type EffectReport =
  | { readonly effect: AfterResetEffect; readonly ok: true; readonly attempts: number }
  | { readonly effect: AfterResetEffect; readonly ok: false; readonly attempts: number; readonly cause: unknown }

export interface RetryPolicy {
  /** Tries per effect; default 3. */
  readonly attempts?: number
  /** Wait before the second try, doubled after each; default 200 ms. */
  readonly backoffMs?: number
  /** Each try times out after this; default 5 s. */
  readonly timeoutMs?: number
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    timer.unref?.()
  })

/**
 * Runs one post-reset effect until it succeeds or the tries run out. Never rejects: the password
 * has already changed, so a failure here is reported, not turned into an error response.
 */
export async function runWithRetry(effect: AfterResetEffect, run: () => Promise<unknown>, policy: RetryPolicy = {}): Promise<EffectReport> {
  const attempts = policy.attempts ?? 3
  let cause: unknown
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await callPort(effect, run, policy.timeoutMs ?? 5000)
    if (result.isOk()) return { effect, ok: true, attempts: attempt }
    cause = result.error.cause ?? result.error
    if (attempt < attempts) await sleep((policy.backoffMs ?? 200) * 2 ** (attempt - 1))
  }
  return { effect, ok: false, attempts, cause }
}
