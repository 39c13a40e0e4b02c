import { err, Result } from 'neverthrow'
import { normaliseIdentifier, type Channel, type CountryCode, type Identifier } from '@resetkit/core'
import { invalidRequest, type InvalidRequestError } from './invalid-request.js'
import { isPresent, readString, type Fields } from './fields.js'
import { INPUT_LIMITS } from './limits.js'

export const CHANNEL_FIELDS = {
  email: { identifier: 'email', token: 'email_otp_token', code: 'email_otp' },
  phone_number: { identifier: 'phone_number', token: 'phone_number_otp_token', code: 'phone_number_otp' },
} as const satisfies Record<Channel, Record<ChannelPart, string>>

export type ChannelPart = 'identifier' | 'token' | 'code'

const PART_LIMITS = (channel: Channel): Record<ChannelPart, number> => ({
  identifier: channel === 'email' ? INPUT_LIMITS.email : INPUT_LIMITS.phoneNumber,
  token: INPUT_LIMITS.otpToken,
  code: INPUT_LIMITS.otp,
})

function presentNames(fields: Fields, channel: Channel): string[] {
  return Object.values(CHANNEL_FIELDS[channel]).filter((name) => isPresent(fields, name))
}

export interface ChannelValues {
  readonly channel: Channel
  readonly values: readonly string[]
}

/**
 * Reads exactly one channel's fields: its identifier followed by `parts`, in that order. A field
 * of the other channel, or one of this channel that the endpoint does not take, is an error.
 */
export function readChannel(
  fields: Fields,
  parts: readonly Exclude<ChannelPart, 'identifier'>[],
): Result<ChannelValues, InvalidRequestError> {
  const emailNames = presentNames(fields, 'email')
  const phoneNames = presentNames(fields, 'phone_number')
  if (emailNames.length > 0 && phoneNames.length > 0) {
    // Stryker disable next-line StringLiteral: unreachable default, phoneNames is not empty here
    const field = phoneNames[0] ?? 'phone_number'
    return err(invalidRequest(field, 'Send either the email fields or the phone_number fields, not both.'))
  }
  if (emailNames.length === 0 && phoneNames.length === 0) {
    return err(invalidRequest('email', 'email or phone_number is required.'))
  }
  const channel: Channel = emailNames.length > 0 ? 'email' : 'phone_number'
  const names = CHANNEL_FIELDS[channel]
  const wanted: ChannelPart[] = ['identifier', ...parts]
  const allowed = new Set<string>(wanted.map((part) => names[part]))
  const stray = presentNames(fields, channel).find((name) => !allowed.has(name))
  if (stray !== undefined) return err(invalidRequest(stray, `${stray} is not accepted here.`))
  const limits = PART_LIMITS(channel)
  return Result.combine(wanted.map((part) => readString(fields, names[part], limits[part]))).map((values) => ({
    channel,
    values,
  }))
}

/** Normalises a channel's identifier, naming the field when it is not one. */
export function readIdentifier(channel: Channel, raw: string, region: CountryCode): Result<Identifier, InvalidRequestError> {
  const field = CHANNEL_FIELDS[channel].identifier
  return normaliseIdentifier(channel, raw, region).mapErr((problem) => invalidRequest(field, `${field} ${problem}.`))
}
