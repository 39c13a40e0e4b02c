import { positive } from './positive.js'
import { errAsync, ok, okAsync, type ResultAsync } from 'neverthrow'
import { duplicatePassword, tooManyRequests, wrongOldPassword, type ChangePasswordError } from './errors.js'
import { createPortCaller } from './port-call.js'
import { mapErrAsync, orElseAsync } from './result-async.js'
import { createAfterReset, type EffectReport, type FailedEffectReport, type RetryPolicy } from './after-reset.js'
import { createAuditor, type AuditOptions } from './audit/auditor.js'
import { systemClock } from './system.js'
import type { BreachedPasswordOptions } from './policy/breached-passwords.js'
import { createPasswordUpdate } from './password-update.js'
import { windowsFor } from './windows-for.js'
import type { Clock, Identifier, Notifier, PasswordHasher, PasswordPolicy, SessionRevoker, UserRecord, UserStore, WindowBudget } from './ports.js'

/** Wrong old passwords one user may have checked per window; a guessable secret needs a budget. */
export interface OldPasswordBudget {
  /** Default 5. */
  readonly maxWrong?: number
  /** Default 900 (15 minutes). */
  readonly windowSeconds?: number
}

export interface ChangePasswordDeps {
  readonly users: UserStore
  readonly policy: PasswordPolicy
  readonly hasher: PasswordHasher
  /** Where the old-password budget is counted; required unless `oldPasswordBudget` is false. */
  readonly windows?: WindowBudget
  /** `false` is unsafe: a stolen session could then guess the old password without limit. */
  readonly oldPasswordBudget?: OldPasswordBudget | false
  readonly portTimeoutMs?: number
  /** Compare-and-set retries when another change for the same user commits first. Default 3. */
  readonly maxCommitAttempts?: number
  /** Ends the user's other sessions (all but the one the change came from). */
  readonly sessions?: SessionRevoker
  /** Tells the user, by email (else SMS), that their password changed. */
  readonly notifier?: Notifier
  readonly clock?: Clock
  readonly afterChange?: RetryPolicy
  readonly onEffectFailed?: (report: FailedEffectReport) => void
  readonly audit?: AuditOptions
  readonly breachedPasswords?: BreachedPasswordOptions
}

/** A change request whose shape is known good; the HTTP layer took the user from the access token. */
export interface ChangePasswordCommand {
  /** The client the access token was issued to. */
  readonly clientId: string
  /** The access token's subject. */
  readonly userId: string
  /** The access token's session (OIDC `sid`), if it names one: that session is kept. */
  readonly sessionId?: string
  readonly oldPassword: string
  readonly newPassword: string
}

export interface ChangePasswordSuccess {
  readonly userId: string
  /** The post-change effects, already running; never rejects. */
  readonly effects: Promise<readonly EffectReport[]>
}

export type ChangePassword = (command: ChangePasswordCommand) => ResultAsync<ChangePasswordSuccess, ChangePasswordError>


/** Where a signed-in user is told of the change, and whose subject its effect events carry. */
const contactOf = (user: UserRecord): Identifier | undefined =>
  user.email !== null ? { channel: 'email', value: user.email } : user.phoneNumber !== null ? { channel: 'phone_number', value: user.phoneNumber } : undefined

/**
 * The `POST /change_user_password` use case: the signed-in twin of the reset, on the same policy,
 * history, hasher, commit and effects (`password-update.ts`).
 *
 * @example
 * const change = createChangePassword({ users, policy, hasher, windows })
 * const result = await change({ clientId: 'my-spa', userId: token.subject, oldPassword, newPassword })
 */
export function createChangePassword(deps: ChangePasswordDeps): ChangePassword {
  const { users, hasher, policy } = deps
  const call = createPortCaller(deps.portTimeoutMs)
  const update = createPasswordUpdate({ ...deps, call, maxCommitAttempts: deps.maxCommitAttempts ?? 3 })
  const clock = deps.clock ?? systemClock
  const auditor = createAuditor(deps.audit, clock)
  const afterChange = createAfterReset({ ...deps, retry: deps.afterChange, clock, auditor })
  const budget =
    deps.oldPasswordBudget === false
      ? undefined
      : {
          windows: windowsFor(deps.windows, 'oldPasswordBudget'),
          maxPerWindow: positive('maxWrong', deps.oldPasswordBudget?.maxWrong ?? 5),
          windowMs: positive('windowSeconds', deps.oldPasswordBudget?.windowSeconds ?? 900) * 1000,
        }

  const findUser = (userId: string): ResultAsync<UserRecord, ChangePasswordError> => call('users.findById', () => users.findById(userId)).andThen(update.active)

  // A hash made before resetkit may be of the password as typed, not of its NFKC form: the
  // typed form is tried too when they differ. One guess either way.
  const isCurrent = (user: UserRecord, typed: string, normalised: string): ResultAsync<boolean, ChangePasswordError> => {
    const hash = user.passwordHash
    if (hash === null) return okAsync(false)
    return call('hasher.verify', () => hasher.verify(hash, normalised)).andThen((matches) =>
      matches || typed === normalised ? okAsync(matches) : call('hasher.verify', () => hasher.verify(hash, typed)),
    )
  }

  // The budget is taken before the comparison, so parallel guesses cannot exceed it, and given
  // back when the password proves right. Once spent, nothing is compared: a user locked out this
  // way is never told whether a guess was right.
  const proveOldPassword = (user: UserRecord, typed: string, normalised: string): ResultAsync<UserRecord, ChangePasswordError> => {
    if (budget === undefined) return isCurrent(user, typed, normalised).andThen((right) => (right ? okAsync(user) : errAsync(wrongOldPassword())))
    const key = `old-password:${user.id}`
    return call('windows.reserve', () => budget.windows.reserve({ now: clock.now(), windows: [{ key, cooldownMs: 0, maxPerWindow: budget.maxPerWindow, windowMs: budget.windowMs }] }))
      .andThen((outcome) => (outcome.allowed ? okAsync(outcome.id) : errAsync(tooManyRequests(outcome.retryAfterMs, 'Too many wrong old passwords; wait before trying again.'))))
      .andThen((entry) =>
        isCurrent(user, typed, normalised).andThen((right) => {
          if (!right) return errAsync(wrongOldPassword())
          // If the give-back fails, the right password simply counted as one guess: the safe side.
          return orElseAsync(call('windows.release', () => budget.windows.release(key, entry)), () => okAsync(undefined)).andThen(() => ok(user))
        }),
      )
  }

  // The same password as the current one is its own answer (the CIAM's `duplicate_password`),
  // ahead of the policy; when the old password was typed again, no hash needs comparing.
  const checkNotCurrent = (user: UserRecord, newPassword: string, oldPassword: string): ResultAsync<void, ChangePasswordError> =>
    newPassword === oldPassword
      ? errAsync(duplicatePassword())
      : isCurrent(user, newPassword, newPassword).andThen((same) => (same ? errAsync(duplicatePassword()) : okAsync(undefined)))

  // The N − 1 before the current one (the current one was just compared).
  const previousHashes = (user: UserRecord): string[] => user.passwordHistory.slice(0, Math.max(0, policy.historySize - 1))
  const checkHistory = (password: string, user: UserRecord): ResultAsync<void, ChangePasswordError> => update.checkHistory(password, previousHashes(user))

  return (command) => {
    const newPassword = command.newPassword.normalize('NFKC')
    const oldPassword = command.oldPassword.normalize('NFKC')
    const { clientId, userId } = command

    // Another change committed first: the password it set is now the current one, so the old
    // password is judged again (without spending the budget: it was right when given) and
    // the new one against the history that change left.
    const rejudge = (): ResultAsync<UserRecord, ChangePasswordError> =>
      findUser(userId)
        .andThen((fresh) => isCurrent(fresh, command.oldPassword, oldPassword).andThen((right) => (right ? okAsync(fresh) : errAsync(wrongOldPassword()))))
        .andThen((fresh) => checkNotCurrent(fresh, newPassword, oldPassword).andThen(() => ok(fresh)))
        .andThen((fresh) => checkHistory(newPassword, fresh).andThen(() => ok(fresh)))

    // Order: the access token proved the session (HTTP); then the user and their status; then
    // the old password, before anything is judged of the new one, so a wrong guess learns
    // nothing about it (and costs the guesser no policy work); then the CIAM's order.
    const changed = findUser(userId)
      .andThen((user) => proveOldPassword(user, command.oldPassword, oldPassword))
      .andThen((user) => checkNotCurrent(user, newPassword, oldPassword).andThen(() => ok(user)))
      .andThen((user) => update.checkPolicy(newPassword, user).andThen(() => ok(user)))
      .andThen((user) =>
        update
          .checkBreached(newPassword, (outcome) => {
            const contact = contactOf(user)
            if (contact !== undefined) auditor.record(contact, { type: 'breach_check_unavailable', clientId, userId, outcome })
          })
          .andThen(() => ok(user)),
      )
      // As in a reset, the new hash is computed alongside the history comparisons.
      .andThen((user) => update.hashUnlessRecurrent(newPassword, previousHashes(user)).andThen((newHash) => ok({ user, newHash })))
      .andThen(({ user, newHash }) => update.commit(user, newHash, rejudge))
      .andThen((user) => {
        auditor.recordTransport({ type: 'password_change_succeeded', clientId, userId })
        // Stryker disable next-line ConditionalExpression: { keepSession: undefined } keeps no session, exactly as {} does
        const keep = command.sessionId === undefined ? {} : { keepSession: command.sessionId }
        return ok({ userId, effects: afterChange(user, { clientId, identifier: contactOf(user), ...keep }) })
      })
    return mapErrAsync(changed, (error) => {
      const rules = error.code === 'invalid_new_password' ? { rules: error.violations.map((violation) => violation.rule) } : {}
      auditor.recordTransport({ type: 'password_change_rejected', clientId, userId, code: error.code, ...rules })
      return error
    })
  }
}
