import { OTP_USAGES, type OtpUsage, type SendOtpCommand } from '@resetkit/core'
import { err, type Result } from 'neverthrow'
import { invalidRequest, type InvalidRequestError } from './invalid-request.js'
import { readChannel, readIdentifier } from './channel-fields.js'
import { asFields, readString } from './fields.js'
import { INPUT_LIMITS } from './limits.js'
import { DEFAULT_REGION, type ParseOptions } from './reset-password-command.js'

const isUsage = (value: string): value is OtpUsage => (OTP_USAGES as readonly string[]).includes(value)

/**
 * Turns an untrusted `POST /otp/send` body into a command.
 *
 * @example
 * parseSendOtpCommand({ usage: 'reset_password', phone_number: '13800000001' }, 'my-client')
 * // → Ok({ identifier: { channel: 'phone_number', value: '+8613800000001' }, ... })
 */
export function parseSendOtpCommand(
  input: unknown,
  clientId: string,
  options: ParseOptions = {},
): Result<SendOtpCommand, InvalidRequestError> {
  return asFields(input).andThen((fields) =>
    readString(fields, 'usage', INPUT_LIMITS.usage).andThen((usage) => {
      if (!isUsage(usage)) return err(invalidRequest('usage', `usage must be one of ${OTP_USAGES.join(', ')}.`))
      return readChannel(fields, []).andThen(({ channel, values: [raw = ''] }) =>
        readIdentifier(channel, raw, options.defaultRegion ?? DEFAULT_REGION).map((identifier) => ({ clientId, usage, identifier })),
      )
    }),
  )
}
