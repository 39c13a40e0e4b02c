import type { Result } from 'neverthrow'
import type { InvalidRequestError } from '../errors.js'
import type { CountryCode, Identifier } from '../identifier.js'
import { readChannel, readIdentifier } from './channel-fields.js'
import { asFields, readString } from './fields.js'
import { INPUT_LIMITS } from './limits.js'

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

export interface ParseOptions {
  /** Region for phone numbers written without `+`, e.g. 'CN' for +86. Default 'CN'. */
  readonly defaultRegion?: CountryCode
}

/**
 * Turns an untrusted body (e.g. parsed JSON) into a command, naming the first wrong field.
 * `client_id` / `client_secret` and unknown fields are left to the caller and otherwise ignored.
 *
 * @example
 * parseResetPasswordCommand(
 *   { password: 'n3w-Passphrase', email: 'A@x.io ', email_otp_token: 't', email_otp: '123456' },
 *   'my-client',
 * ) // → Ok({ clientId: 'my-client', identifier: { channel: 'email', value: 'a@x.io' }, ... })
 */
export function parseResetPasswordCommand(
  input: unknown,
  clientId: string,
  options: ParseOptions = {},
): Result<ResetPasswordCommand, InvalidRequestError> {
  return asFields(input).andThen((fields) =>
    readString(fields, 'password', INPUT_LIMITS.password).andThen((password) =>
      readChannel(fields, ['token', 'code']).andThen(({ channel, values: [raw = '', otpToken = '', otp = ''] }) =>
        readIdentifier(channel, raw, options.defaultRegion ?? 'CN').map((identifier) => ({ clientId, password, identifier, otpToken, otp })),
      ),
    ),
  )
}
