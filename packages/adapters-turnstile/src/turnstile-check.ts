import { isPortUnavailable, PortUnavailableError, type HumanCheck, type HumanCheckRequest } from '@resetkit/core'
import { secureEndpoint } from '@resetkit/core/internal'
import { randomUUID } from 'node:crypto'

export const SITEVERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'

export interface TurnstileCheckOptions {
  /** The widget's secret key. Sent only in siteverify's request body, never logged. */
  readonly secret: string
  /** Hostnames your widget is served on: a valid token minted on anyone else's page is refused. */
  readonly expectedHostnames: readonly string[]
  /** The widget's `action` (e.g. `otp_send`): a token from another widget of yours is refused. */
  readonly expectedAction?: string
  /** Tokens solved longer ago are refused; default 300 (Turnstile's own validity). */
  readonly maxAgeSeconds?: number
  /** Per siteverify call; default 3,000 ms. */
  readonly timeoutMs?: number
  /** Default Cloudflare's; HTTPS, or HTTP on loopback (a local server in tests). */
  readonly siteverifyUrl?: string
  /**
   * Unsafe: while siteverify cannot be reached, let every send through as if checked. Only for
   * a host whose delivery budgets alone are an acceptable worst case during an outage.
   */
  readonly unsafeAllowWhenUnreachable?: boolean
  readonly clock?: { now(): number }
}

interface SiteverifyAnswer {
  readonly success?: unknown
  readonly 'error-codes'?: unknown
  readonly hostname?: unknown
  readonly action?: unknown
  readonly challenge_ts?: unknown
}

// Codes that say the token is not good; anything else in a failure is ours to fix or theirs.
const NOT_HUMAN = new Set(['missing-input-response', 'invalid-input-response', 'timeout-or-duplicate'])
const MISCONFIGURED = new Set(['missing-input-secret', 'invalid-input-secret'])

/** The secret is wrong: every check would fail, so it is a server error the operator must see. */
export class TurnstileMisconfiguredError extends Error {
  override readonly name = 'TurnstileMisconfiguredError'
}

/**
 * A `HumanCheck` over Cloudflare Turnstile's siteverify API, fail-closed: no answer, a slow or
 * unreadable one, or Cloudflare's `internal-error` is `PortUnavailableError` (the send is
 * refused, 503); a token that is invalid, spent, too old, or minted for another hostname or
 * action is `false`. One retry, with the same `idempotency_key`, after a failed connection.
 *
 * @example
 * const humanCheck = createTurnstileCheck({ secret: process.env.TURNSTILE_SECRET!, expectedHostnames: ['app.example.com'] })
 */
export function createTurnstileCheck(options: TurnstileCheckOptions): HumanCheck {
  if (options.secret.length === 0) throw new TypeError('secret must not be empty')
  if (options.expectedHostnames.length === 0) throw new TypeError('expectedHostnames must name at least one hostname')
  const url = secureEndpoint('siteverifyUrl', options.siteverifyUrl ?? SITEVERIFY_URL)
  const hostnames = new Set(options.expectedHostnames.map((name) => name.toLowerCase()))
  const maxAgeMs = (options.maxAgeSeconds ?? 300) * 1000
  const timeoutMs = options.timeoutMs ?? 3_000
  const clock = options.clock ?? Date

  const ask = async (request: HumanCheckRequest, idempotencyKey: string): Promise<SiteverifyAnswer> => {
    const body = { secret: options.secret, response: request.token, idempotency_key: idempotencyKey, ...(request.remoteIp === undefined ? {} : { remoteip: request.remoteIp }) }
    let response: Response
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) })
    } catch (cause) {
      throw new PortUnavailableError('turnstile', { cause: new Error(`siteverify unreachable: ${(cause as Error).name}`) })
    }
    if (!response.ok) throw new PortUnavailableError('turnstile', { cause: new Error(`siteverify answered ${response.status}`) })
    try {
      return (await response.json()) as SiteverifyAnswer
    } catch {
      throw new PortUnavailableError('turnstile', { cause: new Error('siteverify answered something other than JSON') })
    }
  }

  const askWithRetry = async (request: HumanCheckRequest): Promise<SiteverifyAnswer> => {
    // The same key on the retry: siteverify then answers as for the first call instead of
    // calling a token it already checked a duplicate.
    const key = randomUUID()
    try {
      return await ask(request, key)
    } catch {
      return ask(request, key)
    }
  }

  const verdict = (answer: SiteverifyAnswer): boolean => {
    const codes = Array.isArray(answer['error-codes']) ? answer['error-codes'].filter((code): code is string => typeof code === 'string') : []
    if (answer.success !== true) {
      if (codes.some((code) => MISCONFIGURED.has(code))) throw new TurnstileMisconfiguredError('siteverify refused the secret key')
      if (codes.length > 0 && codes.every((code) => NOT_HUMAN.has(code))) return false
      throw new PortUnavailableError('turnstile', { cause: new Error(`siteverify failed: ${codes.join(',') || 'no error code'}`) })
    }
    if (typeof answer.hostname !== 'string' || !hostnames.has(answer.hostname.toLowerCase())) return false
    if (options.expectedAction !== undefined && answer.action !== options.expectedAction) return false
    const solvedAt = typeof answer.challenge_ts === 'string' ? Date.parse(answer.challenge_ts) : Number.NaN
    return Number.isFinite(solvedAt) && clock.now() - solvedAt <= maxAgeMs
  }

  return {
    async verify(request) {
      try {
        return verdict(await askWithRetry(request))
      } catch (error) {
        if (options.unsafeAllowWhenUnreachable === true && isPortUnavailable(error)) return true
        throw error
      }
    },
  }
}
