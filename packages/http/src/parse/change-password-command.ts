import type { ChangePasswordCommand } from '@resetkit/core'
import type { Result } from 'neverthrow'
import type { InvalidRequestError } from './invalid-request.js'
import { asFields, readString } from './fields.js'
import { INPUT_LIMITS } from './limits.js'

/** Who the access token says is asking: its client, its subject and its session. */
export interface ChangeRequester {
  readonly clientId: string
  readonly userId: string
  readonly sessionId?: string
}

/**
 * Turns an untrusted `/change_user_password` body into a command: `old_password` and
 * `new_password`, as the CIAM names them, each bounded like a reset's password.
 *
 * @example
 * parseChangePasswordCommand({ old_password: 'was', new_password: 'Violet-Staircase-Orbit-42' }, { clientId: 'my-spa', userId: 'alice' })
 */
export function parseChangePasswordCommand(input: unknown, requester: ChangeRequester): Result<ChangePasswordCommand, InvalidRequestError> {
  return asFields(input).andThen((fields) =>
    readString(fields, 'old_password', INPUT_LIMITS.password).andThen((oldPassword) =>
      // Not { ...requester, oldPassword, newPassword }: see responses.ts.
      readString(fields, 'new_password', INPUT_LIMITS.password).map((newPassword) => Object.assign({}, requester, { oldPassword, newPassword })),
    ),
  )
}
