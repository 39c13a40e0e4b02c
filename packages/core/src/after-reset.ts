import type { Auditor } from './audit/auditor.js'
import type { AfterResetEffect } from './audit/events.js'
import { callPort } from './port-call.js'
import { pause } from './pause.js'
import type { Clock, Identifier, Notifier, SessionRevoker, UserRecord } from './ports.js'

export type { AfterResetEffect }

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

/**
 * Runs one post-reset effect until it succeeds or the tries run out. Never rejects: the password
 * has already changed, so a failure here is reported, not turned into an error response.
 */
export async function runWithRetry(effect: AfterResetEffect, run: () => Promise<unknown>, policy: RetryPolicy = {}): Promise<EffectReport> {
  const attempts = policy.attempts ?? 3
  let cause: unknown
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // eslint-disable-next-line neverthrow/must-use-result -- handled by isOk()/isErr() below, which the rule does not recognise
    const result = await callPort(effect, run, policy.timeoutMs ?? 5000)
    if (result.isOk()) return { effect, ok: true, attempts: attempt }
    cause = result.error.cause ?? result.error
    if (attempt < attempts) await pause((policy.backoffMs ?? 200) * 2 ** (attempt - 1))
  }
  return { effect, ok: false, attempts, cause }
}

export type FailedEffectReport = EffectReport & { readonly ok: false; readonly userId: string }

export interface AfterResetDeps {
  readonly sessions?: SessionRevoker
  readonly notifier?: Notifier
  readonly retry?: RetryPolicy | undefined
  readonly onEffectFailed?: (report: FailedEffectReport) => void
  readonly clock: Clock
  readonly auditor: Auditor
}

/** Who changed the password and how to reach them: what the effects need beyond the user. */
export interface ChangeContext {
  readonly clientId: string
  /**
   * Where the notice goes and whose subject the effect events carry: the identifier a reset
   * proved, or a signed-in user's email (else phone number). Without one, no notice is sent.
   */
  readonly identifier: Identifier | undefined
  /** The session a signed-in change came from: kept, every other one ends. */
  readonly keepSession?: string
}

/** The effects of a successful reset or change: started after the commit, exactly once, never an error. */
export function createAfterReset(deps: AfterResetDeps): (user: UserRecord, context: ChangeContext) => Promise<readonly EffectReport[]> {
  const { sessions, notifier, auditor } = deps
  return (user, { clientId, identifier, keepSession }) => {
    const effects: Promise<EffectReport>[] = []
    if (sessions !== undefined) {
      const revoke = async (): Promise<void> => {
        const count = await (keepSession === undefined ? sessions.revokeAllForUser(user.id) : sessions.revokeAllForUser(user.id, { except: keepSession }))
        // Stryker disable next-line ConditionalExpression: the auditor swallows the TypeError an undefined identifier would raise, so nothing is recorded either way
        if (identifier !== undefined) auditor.record(identifier, { type: 'sessions_revoked', clientId, userId: user.id, count })
      }
      effects.push(runWithRetry('sessions.revokeAllForUser', revoke, deps.retry))
    }
    if (notifier !== undefined && identifier !== undefined) {
      const notice = { event: 'password_changed', userId: user.id, channel: identifier.channel, to: identifier.value, at: deps.clock.now() } as const
      effects.push(runWithRetry('notifier.notify', () => notifier.notify(notice), deps.retry))
    }
    return Promise.all(effects).then((reports) => {
      for (const report of reports) {
        if (report.ok) continue
        // Stryker disable next-line ConditionalExpression: as above, the auditor swallows what an undefined identifier raises
        if (identifier !== undefined) auditor.record(identifier, { type: 'post_reset_effect_failed', clientId, userId: user.id, effect: report.effect, attempts: report.attempts })
        try {
          // Stryker disable next-line OptionalChaining: without a hook the call throws into the catch below, which swallows it
          deps.onEffectFailed?.({ ...report, userId: user.id })
        } catch {
          // The host's hook failing must not turn `effects` into a rejection nobody awaits.
        }
      }
      return reports
    })
  }
}
