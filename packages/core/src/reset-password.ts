import { err, ok, okAsync, type ResultAsync } from 'neverthrow'
import { badOtp, badOtpToken, tooManyRequests, type ResetPasswordError } from './errors.js'
import type { Identifier } from './identifier.js'
import { createPortCaller } from './port-call.js'
import { mapErrAsync, orElseAsync } from './result-async.js'
import { createAfterReset, type EffectReport, type FailedEffectReport, type RetryPolicy } from './after-reset.js'
import { createAuditor, type AuditOptions } from './audit/auditor.js'
import { verificationFailureOf } from './audit/verification-failure.js'
import { systemClock } from './system.js'
import type { BreachedPasswordOptions } from './policy/breached-passwords.js'
import { hashesToCompare } from './policy/history.js'
import { createPasswordUpdate } from './password-update.js'
import type { Clock, Notifier, OtpAttempt, OtpVerifier, PasswordHasher, PasswordPolicy, SessionRevoker, UserRecord, UserStore } from './ports.js'

export interface ResetPasswordDeps {
  readonly users: UserStore
  readonly otp: OtpVerifier
  readonly policy: PasswordPolicy
  readonly hasher: PasswordHasher
  /** A port call that has not settled by then fails as `temporarily_unavailable`. Default 10 s. */
  readonly portTimeoutMs?: number
  /** Compare-and-set retries when another reset for the same user commits first. Default 3. */
  readonly maxCommitAttempts?: number
  /** Ends the user's other sessions after a successful reset (OWASP Forgot Password). */
  readonly sessions?: SessionRevoker
  /** Tells the user their password changed, on the channel they reset through. */
  readonly notifier?: Notifier
  readonly clock?: Clock
  /** Retries for the two effects above; they never turn a reset into an error. */
  readonly afterReset?: RetryPolicy
  /** Called once per effect that still failed after its retries, with its cause (for your logs). */
  readonly onEffectFailed?: (report: FailedEffectReport) => void
  /** The audit trail: typed events, subjects pseudonymised, never a secret. Off when absent. */
  readonly audit?: AuditOptions
  /** Refuses passwords from a breach corpus (e.g. Pwned Passwords), after the cheap rules pass. */
  readonly breachedPasswords?: BreachedPasswordOptions
}

/** A reset request whose shape is known good; the identifier is already normalised. */
export interface ResetPasswordCommand {
  /** The client that authenticated the request (the HTTP layer decides who that is). */
  readonly clientId: string
  readonly password: string
  /** Exactly one channel: the type cannot hold both an email and a phone number. */
  readonly identifier: Identifier
  readonly otpToken: string
  readonly otp: string
}

export interface ResetPasswordSuccess {
  readonly userId: string
  /**
   * The post-reset effects (session revocation, notification), already running; the reset does
   * not wait for them. Never rejects; await it in tests or to log their outcome.
   */
  readonly effects: Promise<readonly EffectReport[]>
}

export type ResetPassword = (command: ResetPasswordCommand) => ResultAsync<ResetPasswordSuccess, ResetPasswordError>

/**
 * The `POST /reset_user_password` use case.
 *
 * @example
 * const reset = createResetPassword({ users, otp, policy, hasher })
 * const result = await reset(command)
 * if (result.isErr()) console.log(result.error.code) // e.g. 'bad_email_otp'
 */
export function createResetPassword(deps: ResetPasswordDeps): ResetPassword {
  const { users, otp, policy } = deps
  const call = createPortCaller(deps.portTimeoutMs)
  const update = createPasswordUpdate({ ...deps, call, maxCommitAttempts: deps.maxCommitAttempts ?? 3 })
  const clock = deps.clock ?? systemClock

  const auditor = createAuditor(deps.audit, clock)
  const afterReset = createAfterReset({ ...deps, retry: deps.afterReset, clock, auditor })

  const verifyOtp = (attempt: OtpAttempt): ResultAsync<void, ResetPasswordError> =>
    call('otp.verify', () => otp.verify(attempt)).andThen((check) => {
      if (check.outcome !== 'valid') {
        auditor.record(attempt.identifier, { type: 'otp_verification_failed', clientId: attempt.clientId, ...verificationFailureOf(check) })
      }
      if (check.outcome === 'bad_token') return err(badOtpToken(attempt.identifier.channel))
      if (check.outcome === 'bad_code') return err(badOtp(attempt.identifier.channel))
      if (check.outcome === 'throttled') {
        return err(tooManyRequests(check.retryAfterMs, 'Too many wrong codes for this identifier; wait before trying again.'))
      }
      return ok(undefined)
    })

  const findActiveUser = (identifier: Identifier): ResultAsync<UserRecord, ResetPasswordError> =>
    call('users.findByIdentifier', () => users.findByIdentifier(identifier)).andThen(update.active)

  // The current hash and the N − 1 before it.
  const checkHistory = (password: string, user: UserRecord): ResultAsync<void, ResetPasswordError> => update.checkHistory(password, hashesToCompare(user, policy.historySize))

  // Another reset committed first: judge the password again against the history it left.
  const commit = (identifier: Identifier, password: string, user: UserRecord, newHash: string): ResultAsync<UserRecord, ResetPasswordError> =>
    update.commit(user, newHash, () => findActiveUser(identifier).andThen((fresh) => checkHistory(password, fresh).andThen(() => ok(fresh))))

  // Consume the code only now, so a refused password leaves it usable; give it back if the
  // write then fails, so the user is left exactly as before.
  const consumeAndCommit = (
    attempt: OtpAttempt,
    password: string,
    user: UserRecord,
    newHash: string,
  ): ResultAsync<UserRecord, ResetPasswordError> =>
    call('otp.consume', () => otp.consume(attempt))
      .andThen((outcome) => {
        if (outcome === 'won') return ok(undefined)
        // A concurrent reset with the same code committed first, or the token expired meanwhile.
        auditor.record(attempt.identifier, { type: 'otp_verification_failed', clientId: attempt.clientId, ...verificationFailureOf({ outcome: 'bad_token', reason: outcome }) })
        return err(badOtpToken(attempt.identifier.channel))
      })
      .andThen(() =>
        orElseAsync(commit(attempt.identifier, password, user, newHash), (error) =>
          // If the release fails too, the code stays used: safe, the user asks for a new one.
          orElseAsync(call('otp.release', () => otp.release(attempt)), () => okAsync(undefined)).andThen(() => err(error)),
        ),
      )

  return (command) => {
    // Canonically equivalent inputs are one password for the policy, the history and the hash.
    const password = command.password.normalize('NFKC')
    const attempt: OtpAttempt = {
      clientId: command.clientId,
      usage: 'reset_password',
      identifier: command.identifier,
      token: command.otpToken,
      code: command.otp,
    }
    // Order matters: nothing about the user (existence, status) is looked at before the token
    // and the code are proven, so a bad OTP can never be used to enumerate accounts.
    const { clientId, identifier } = attempt
    let userId: string | undefined
    const reset = verifyOtp(attempt)
      .andThen(() => findActiveUser(command.identifier))
      .andThen((user) => {
        userId = user.id // known from here on, for the rejection event
        return update.checkPolicy(password, user).andThen(() => ok(user))
      })
      // Only here, with the code proven and the local rules passed, may the server call out.
      .andThen((user) =>
        update
          .checkBreached(password, (outcome) => auditor.record(identifier, { type: 'breach_check_unavailable', clientId, userId: user.id, outcome }))
          .andThen(() => ok(user)),
      )
      // The new hash is computed alongside the history checks: at low load that fills an idle
      // core; only a recurrent password wastes it, and that caller has already proven the code.
      .andThen((user) => update.hashUnlessRecurrent(password, hashesToCompare(user, policy.historySize)).andThen((newHash) => ok({ user, newHash })))
      .andThen(({ user, newHash }) => consumeAndCommit(attempt, password, user, newHash))
      .andThen((user) => {
        auditor.record(identifier, { type: 'password_reset_succeeded', clientId, userId: user.id })
        return ok({ userId: user.id, effects: afterReset(user, attempt) })
      })
    return mapErrAsync(reset, (error) => {
      const rules = error.code === 'invalid_new_password' ? { rules: error.violations.map((violation) => violation.rule) } : {}
      auditor.record(identifier, { type: 'password_reset_rejected', clientId, code: error.code, ...(userId === undefined ? {} : { userId }), ...rules })
      return error
    })
  }
}
