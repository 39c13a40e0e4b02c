import { normaliseIdentifier, type CountryCode } from '@resetkit/core'

/**
 * The identifier a body names, normalised as the use case will see it, so "Alice@x.io " and
 * "alice@x.io" share one budget. Undefined when the body names none we can read.
 */
export function identifierRateLimitKey(body: Readonly<Record<string, unknown>>, region: CountryCode): string | undefined {
  for (const channel of ['email', 'phone_number'] as const) {
    const raw = Object.hasOwn(body, channel) ? body[channel] : undefined
    if (typeof raw !== 'string') continue
    const identifier = normaliseIdentifier(channel, raw, region)
    if (identifier.isOk()) return `${channel}:${identifier.value.value}`
  }
  return undefined
}
