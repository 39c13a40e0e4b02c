import { err, errAsync, ok, okAsync, ResultAsync, type Result } from 'neverthrow'
import {
  abnormalStatus,
  invalidNewPassword,
  recurrentPassword,
  temporarilyUnavailable,
  userNotFound,
  type AbnormalUserStatusError,
  type InvalidNewPasswordError,
  type RecurrentPasswordError,
  type ServerError,
  type UserNotFoundError,
} from './errors.js'
import type { PortCaller } from './port-call.js'
import { orElseAsync } from './result-async.js'
import { breachedPassword, type BreachedPasswordOptions } from './policy/breached-passwords.js'
import { historyToKeep } from './policy/history.js'
import type { PasswordHasher, PasswordPolicy, UserRecord, UserStore } from './ports.js'

/** The failures every password update can end in, whichever way the user proved who they are. */
export type PasswordUpdateError = RecurrentPasswordError | InvalidNewPasswordError | UserNotFoundError | AbnormalUserStatusError | ServerError

export interface PasswordUpdateDeps {
  readonly users: UserStore
  readonly policy: PasswordPolicy
  readonly hasher: PasswordHasher
  readonly call: PortCaller
  readonly breachedPasswords?: BreachedPasswordOptions | undefined
  /** Compare-and-set retries when another change for the same user commits first. */
  readonly maxCommitAttempts: number
}

/**
 * The rules and the write a new password goes through, once the user is proven (by a code for a
 * reset, by a session and the old password for a change): one copy, so the two paths can never
 * disagree on the policy, the history or how a change is committed.
 */
export interface PasswordUpdate {
  /** `user_not_found` for no user; `abnormal_user_status` for a frozen or locked one. */
  readonly active: (user: UserRecord | null) => Result<UserRecord, PasswordUpdateError>
  /** Every rule the password breaks, at once (`invalid_new_password`). */
  readonly checkPolicy: (password: string, user: UserRecord) => ResultAsync<void, PasswordUpdateError>
  /**
   * The breach corpus, if configured; only ever after the cheap rules. `onUnavailable` hears
   * what was done without an answer (the audit event is the use case's to write).
   */
  readonly checkBreached: (password: string, onUnavailable: (outcome: 'allowed' | 'refused') => void) => ResultAsync<void, PasswordUpdateError>
  /** `recurrent_password` if any of `hashes` is the password's; all verified at once (argon2 is off-thread). */
  readonly checkHistory: (password: string, hashes: readonly string[]) => ResultAsync<void, PasswordUpdateError>
  /**
   * The history rule and the new hash at once (a recurrent password wastes the hash; its caller
   * has already proven who they are): `hashAndCompare` when the hasher has it, else every
   * `verify` and the `hash` in parallel. Either way, `recurrent_password` or the hash.
   */
  readonly hashUnlessRecurrent: (password: string, hashes: readonly string[]) => ResultAsync<string, PasswordUpdateError>
  /**
   * Compare-and-set: stores `newHash` if the user is still at the version read. When another
   * change committed first, `rejudge` reads the user again and checks the password against
   * what that change left (its history), then the write is tried again, a bounded number of times.
   */
  readonly commit: <E>(user: UserRecord, newHash: string, rejudge: () => ResultAsync<UserRecord, E | PasswordUpdateError>) => ResultAsync<UserRecord, E | PasswordUpdateError>
}

export function createPasswordUpdate(deps: PasswordUpdateDeps): PasswordUpdate {
  const { users, policy, hasher, call } = deps
  const historyLimit = historyToKeep(policy.historySize)

  const commitOnce = <E>(user: UserRecord, newHash: string, rejudge: () => ResultAsync<UserRecord, E | PasswordUpdateError>, attemptsLeft: number): ResultAsync<UserRecord, E | PasswordUpdateError> =>
    call('users.changePassword', () => users.changePassword({ userId: user.id, expectedVersion: user.version, newHash, historyLimit })).andThen(
      (outcome): Result<UserRecord, E | PasswordUpdateError> | ResultAsync<UserRecord, E | PasswordUpdateError> => {
        if (outcome === 'changed') return ok(user)
        if (attemptsLeft <= 1) return err(temporarilyUnavailable('users.changePassword'))
        return rejudge().andThen((fresh) => commitOnce(fresh, newHash, rejudge, attemptsLeft - 1))
      },
    )

  const checkHistory = (password: string, hashes: readonly string[]): ResultAsync<void, PasswordUpdateError> =>
    ResultAsync.combine(hashes.map((hash) => call('hasher.verify', () => hasher.verify(hash, password)))).andThen((matches) =>
      matches.includes(true) ? err(recurrentPassword()) : ok(undefined),
    )
  const hash = (password: string): ResultAsync<string, PasswordUpdateError> => call('hasher.hash', () => hasher.hash(password))

  return {
    active: (user) => {
      if (user === null) return err(userNotFound())
      if (user.status !== 'active') return err(abnormalStatus(user.status))
      return ok(user)
    },
    checkPolicy: (password, user) =>
      call('policy.check', () => policy.check(password, { email: user.email, phoneNumber: user.phoneNumber, names: user.names })).andThen((violations) =>
        violations.length > 0 ? err(invalidNewPassword(violations)) : ok(undefined),
      ),
    checkBreached: (password, onUnavailable) => {
      const breached = deps.breachedPasswords
      if (breached === undefined) return okAsync(undefined)
      const failOpen = (breached.whenUnavailable ?? 'allow') === 'allow'
      const unanswered = (): ResultAsync<boolean, PasswordUpdateError> => {
        onUnavailable(failOpen ? 'allowed' : 'refused')
        return failOpen ? okAsync(false) : errAsync(temporarilyUnavailable('breachedPasswords.isBreached'))
      }
      return orElseAsync(call('breachedPasswords.isBreached', () => breached.checker.isBreached(password)), unanswered).andThen((isBreached) =>
        isBreached ? err(invalidNewPassword([breachedPassword])) : ok(undefined),
      )
    },
    checkHistory,
    hashUnlessRecurrent: (password, hashes) => {
      const hashAndCompare = hasher.hashAndCompare?.bind(hasher)
      if (hashAndCompare === undefined) return ResultAsync.combine([checkHistory(password, hashes), hash(password)]).andThen(([, newHash]) => ok(newHash))
      return call('hasher.hashAndCompare', () => hashAndCompare(password, hashes)).andThen((result) =>
        result.reused ? err(recurrentPassword()) : ok(result.hash),
      )
    },
    commit: (user, newHash, rejudge) => commitOnce(user, newHash, rejudge, deps.maxCommitAttempts),
  }
}
