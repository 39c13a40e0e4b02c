import type { BreachedPasswordChecker } from '@resetkit/core'
import { timesSeenIn } from './range-response.js'
import { readCapped } from './read-capped.js'

export interface PwnedPasswordsOptions {
  /** Default `https://api.pwnedpasswords.com`; point it at a mirror or a test server. */
  readonly baseUrl?: string
  /** The whole request, body included, must finish within this. Default 2000 ms. */
  readonly timeoutMs?: number
  /** Times seen before a password counts as breached. Default 1. */
  readonly minOccurrences?: number
  /** Ask for padded responses (default true) so the response size does not hint at the prefix. */
  readonly addPadding?: boolean
  /** Default 1 MiB; a padded response is about 40 KiB. */
  readonly maxResponseBytes?: number
  /** Default `resetkit`; the API asks clients to name themselves. */
  readonly userAgent?: string
  /** Default the global `fetch`. */
  readonly fetch?: typeof fetch
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase()
}

/**
 * A `BreachedPasswordChecker` over the Pwned Passwords range API. Only the first 5 hex characters
 * of the password's SHA-1 leave the process (k-anonymity); the suffix is matched locally. A
 * non-200 answer, a time-out, an oversized or malformed body rejects, and the use case then
 * applies its fail-open or fail-closed choice.
 *
 * @example
 * const reset = createResetPassword({ ..., breachedPasswords: { checker: createPwnedPasswordsChecker() } })
 */
export function createPwnedPasswordsChecker(options: PwnedPasswordsOptions = {}): BreachedPasswordChecker {
  const baseUrl = (options.baseUrl ?? 'https://api.pwnedpasswords.com').replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 2000
  const minOccurrences = options.minOccurrences ?? 1
  const maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024
  const fetchRange = options.fetch ?? fetch
  if (!Number.isInteger(minOccurrences) || minOccurrences < 1) throw new TypeError('minOccurrences must be a whole number ≥ 1')
  if (!(timeoutMs > 0)) throw new TypeError('timeoutMs must be positive')
  const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'resetkit' }
  if (options.addPadding ?? true) headers['add-padding'] = 'true'

  return {
    async isBreached(password) {
      const hash = await sha1Hex(password)
      const prefix = hash.slice(0, 5)
      const response = await fetchRange(`${baseUrl}/range/${prefix}`, { headers, signal: AbortSignal.timeout(timeoutMs) })
      if (response.status !== 200) {
        await response.body?.cancel()
        throw new Error(`range API answered ${response.status}`)
      }
      const body = await readCapped(response, maxResponseBytes)
      return timesSeenIn(body, hash.slice(5)) >= minOccurrences
    },
  }
}
