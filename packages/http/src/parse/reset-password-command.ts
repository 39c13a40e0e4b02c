import type { CountryCode, ResetPasswordCommand } from '@resetkit/core'
import type { Result } from 'neverthrow'
import type { InvalidRequestError } from './invalid-request.js'
import { readChannel, readIdentifier } from './channel-fields.js'
import { asFields, readString } from './fields.js'
import { INPUT_LIMITS } from './limits.js'

export interface ParseOptions {
  /** Region for phone numbers written without `+`, e.g. 'CN' for +86. Default `DEFAULT_REGION`. */
  readonly defaultRegion?: CountryCode
}

/** The CIAM's home market: mainland-China numbers may be written without +86. */
export const DEFAULT_REGION: CountryCode = 'CN'

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
      // Stryker disable next-line StringLiteral: unreachable defaults, readChannel returns one value per name asked
      readChannel(fields, ['token', 'code']).andThen(({ channel, values: [raw = '', otpToken = '', otp = ''] }) =>
        readIdentifier(channel, raw, options.defaultRegion ?? DEFAULT_REGION).map((identifier) => ({ clientId, password, identifier, otpToken, otp })),
      ),
    ),
  )
}
