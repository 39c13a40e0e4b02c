import { OTP_USAGES, type OtpUsage, type SendOtpCommand } from '@resetkit/core'
import { err, ok, type Result } from 'neverthrow'
import { invalidRequest, type InvalidRequestError } from './invalid-request.js'
import { readChannel, readIdentifier } from './channel-fields.js'
import { asFields, isPresent, readString } from './fields.js'
import { INPUT_LIMITS } from './limits.js'
import { DEFAULT_REGION, type ParseOptions } from './reset-password-command.js'

const isUsage = (value: string): value is OtpUsage => (OTP_USAGES as readonly string[]).includes(value)

/**
 * `/otp/send`'s own answer to an identifier that is not one (neighbours.md): `malformed_email`
 * or `malformed_phone_number`, 400, instead of the generic `invalid_request`.
 */
export interface MalformedIdentifierError {
  readonly code: 'malformed_email' | 'malformed_phone_number'
  readonly description: string
}

/** The body field (or, from the header of that name, `x-human-check-token`) the `HumanCheck` port verifies. */
export const HUMAN_CHECK_FIELD = 'human_check_token'

/** The documented default when a request names no usage. */
export const DEFAULT_USAGE: OtpUsage = 'login'

/**
 * Turns an untrusted `POST /otp/send` body into a command. `usage` defaults to `login`, as the
 * CIAM documents; a malformed email or phone number is `malformed_email` / `malformed_phone_number`.
 *
 * @example
 * parseSendOtpCommand({ usage: 'reset_password', phone_number: '13800000001' }, 'my-client')
 * // → Ok({ identifier: { channel: 'phone_number', value: '+8613800000001' }, ... })
 */
export function parseSendOtpCommand(
  input: unknown,
  clientId: string,
  options: ParseOptions = {},
): Result<SendOtpCommand, InvalidRequestError | MalformedIdentifierError> {
  return asFields(input).andThen((fields) =>
    (isPresent(fields, 'usage') ? readString(fields, 'usage', INPUT_LIMITS.usage) : ok<string, InvalidRequestError>(DEFAULT_USAGE)).andThen((usage) => {
      if (!isUsage(usage)) return err(invalidRequest('usage', `usage must be one of ${OTP_USAGES.join(', ')}.`))
      const humanCheckToken: Result<string | undefined, InvalidRequestError> = isPresent(fields, HUMAN_CHECK_FIELD)
        ? readString(fields, HUMAN_CHECK_FIELD, INPUT_LIMITS.humanCheckToken)
        : ok(undefined)
      return humanCheckToken.andThen((token) =>
        // Stryker disable next-line StringLiteral: unreachable default, readChannel always returns the identifier
        readChannel(fields, []).andThen(({ channel, values: [raw = ''] }) =>
          readIdentifier(channel, raw, options.defaultRegion ?? DEFAULT_REGION)
            .map((identifier): SendOtpCommand => ({ clientId, usage, identifier, ...(token === undefined ? {} : { humanCheckToken: token }) }))
            .mapErr((error): MalformedIdentifierError => ({ code: channel === 'email' ? 'malformed_email' : 'malformed_phone_number', description: error.description })),
        ),
      )
    }),
  )
}
