import { digestsEqual } from '../crypto/digest.js'
import { positive } from '../positive.js'
import { systemClock } from '../system.js'
import type { BadTokenReason, Clock, OtpAttempt, OtpCheck, OtpRecord, OtpStore, OtpVerifier, WindowBudget } from '../ports.js'
import { windowsFor } from '../windows-for.js'
import { codeHashOf, tokenIdOf } from './secrets.js'
import { identifierKey } from '../identifier.js'

export interface OtpVerifierOptions {
  readonly store: OtpStore
  readonly clock?: Clock
  /** Wrong codes a token survives; the next check fails even with the right code. Default 5. */
  readonly maxAttempts?: number
  /**
   * Wrong codes an identifier may see across every token and client in a sliding window, so
   * asking for many codes does not multiply the guesses ("reverse brute force"). Default 10 an
   * hour; `false` turns it off.
   */
  readonly guessBudget?: { readonly maxWrong?: number; readonly windowSeconds?: number } | false
  /** Where the guess budget is counted (e.g. `createMemoryWindowBudget()`); required unless `guessBudget` is false. */
  readonly windows?: WindowBudget
}

// A token proves nothing outside what it was issued for; the reason is for the audit trail only.
function bindingMismatch(record: OtpRecord, attempt: OtpAttempt): BadTokenReason | undefined {
  if (record.clientId !== attempt.clientId) return 'other_client'
  if (record.usage !== attempt.usage) return 'other_usage'
  const { identifier } = record
  if (identifier.channel !== attempt.identifier.channel || identifier.value !== attempt.identifier.value) return 'other_identifier'
  return undefined
}

/**
 * The OTP verifier over any `OtpStore`.
 *
 * @example
 * const otp = createOtpVerifier({ store: createMemoryOtpStore(), windows: createMemoryWindowBudget(), maxAttempts: 5 })
 */
export function createOtpVerifier(options: OtpVerifierOptions): OtpVerifier {
  const { store } = options
  const clock = options.clock ?? systemClock
  const maxAttempts = positive('maxAttempts', options.maxAttempts ?? 5)
  const budget =
    options.guessBudget === false
      ? undefined
      : {
          maxPerWindow: positive('guessBudget.maxWrong', options.guessBudget?.maxWrong ?? 10),
          windowMs: positive('guessBudget.windowSeconds', options.guessBudget?.windowSeconds ?? 3600) * 1000,
          windows: windowsFor(options.windows, 'guessBudget'),
        }

  return {
    async verify(attempt): Promise<OtpCheck> {
      const tokenId = tokenIdOf(attempt.token)
      const record = await store.findByTokenId(tokenId)
      if (record === null) return { outcome: 'bad_token', reason: 'unknown' }
      const mismatch = bindingMismatch(record, attempt)
      if (mismatch !== undefined) return { outcome: 'bad_token', reason: mismatch }
      if (record.consumed) return { outcome: 'bad_token', reason: 'consumed' }
      const now = clock.now()
      if (now >= record.expiresAt) return { outcome: 'bad_token', reason: 'expired' }
      // Both budgets are reserved before comparing, so parallel guesses cannot exceed either;
      // the identifier's is counted whether or not an account exists behind it.
      const guessKey = `guess:${identifierKey(attempt.identifier)}`
      const guess =
        budget === undefined
          ? undefined
          : await budget.windows.reserve({ now, windows: [{ key: guessKey, cooldownMs: 0, maxPerWindow: budget.maxPerWindow, windowMs: budget.windowMs }] })
      if (guess !== undefined && !guess.allowed) return { outcome: 'throttled', retryAfterMs: guess.retryAfterMs }
      const refundGuess = async (): Promise<void> => {
        // Stryker disable next-line ConditionalExpression,OptionalChaining: here guess is undefined (no budget) or allowed, so the test and the ?. decide nothing
        if (guess?.allowed === true) await budget?.windows.release(guessKey, guess.id)
      }
      if (!(await store.reserveAttempt(tokenId, maxAttempts))) {
        await refundGuess() // a dead token compared nothing
        return { outcome: 'bad_token', reason: 'exhausted' }
      }
      if (digestsEqual(codeHashOf(attempt.token, attempt.code), record.codeHash)) {
        // The right code costs nothing: the user may need several tries at a good password.
        await Promise.all([store.refundAttempt(tokenId), refundGuess()])
        return { outcome: 'valid' }
      }
      return { outcome: 'bad_code', attemptsLeft: Math.max(0, maxAttempts - record.attempts - 1) }
    },
    async consume(attempt) {
      const tokenId = tokenIdOf(attempt.token)
      const now = clock.now()
      if (await store.consume(tokenId, now)) return 'won'
      // Lost: tell the audit trail whether a concurrent reset won or the clock ran out.
      const record = await store.findByTokenId(tokenId)
      if (record === null) return 'unknown'
      return !record.consumed && now >= record.expiresAt ? 'expired' : 'consumed'
    },
    release: (attempt) => store.release(tokenIdOf(attempt.token)),
  }
}
