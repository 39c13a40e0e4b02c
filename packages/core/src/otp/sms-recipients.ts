import type { CountryCode } from 'libphonenumber-js/mobile'
import { phoneLibrary } from '../phone-library.js'

/** Why a number gets no SMS: outside a mobile range, or in a region the host did not allow. */
export type SmsRecipientRefusal = 'not_mobile' | 'region_not_allowed'

/** The region SMS goes to unless the host names others: the CIAM's documented mainland China. */
export const DEFAULT_SMS_REGIONS: readonly CountryCode[] = ['CN']

/**
 * SMS pumping (toll fraud) sends codes to numbers whose operator shares the fee, spread over
 * many countries so per-number limits never trip. Regions are ISO 3166 codes rather than
 * calling codes: +1 alone spans 25 countries, several of them classic pumping destinations.
 */
export function smsRecipientRefusal(e164: string, regions: ReadonlySet<string>): SmsRecipientRefusal | undefined {
  const parsed = phoneLibrary().parsePhoneNumberFromString(e164)
  if (parsed === undefined || !parsed.isValid()) return 'not_mobile'
  return parsed.country !== undefined && regions.has(parsed.country) ? undefined : 'region_not_allowed'
}
