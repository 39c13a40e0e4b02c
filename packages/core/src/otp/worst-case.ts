import type { CountryCode } from '../identifier.js'
import type { Channel } from '../ports.js'
import { DEFAULT_SMS_REGIONS } from './sms-recipients.js'
import { DEFAULT_DELIVERY_BUDGETS, DEFAULT_RESEND_LIMITS, type DeliveryBudgets, type ResendLimits } from './send-windows.js'

/** Codes per rolling hour and per rolling day. */
export interface SendBound {
  readonly hour: number
  readonly day: number
}

/** The most the send path delivers, whoever asks and however many addresses they hold. */
export interface SendWorstCase {
  /** To one email address or phone number, across every client and usage. */
  readonly perVictim: SendBound
  /** From one source network (IPv4 /24, IPv6 /56), both channels together. */
  readonly perNetwork: SendBound
  /** Through one client, per channel. */
  readonly perClient: Readonly<Record<Channel, SendBound>>
  /** SMS into one allowed region (none into any other), and the regions allowed. */
  readonly perRegion: SendBound & { readonly regions: readonly CountryCode[] }
  /** Everything, per channel and together. */
  readonly total: Readonly<Record<Channel | 'all', SendBound>>
}

const capped = (perHour: number, perDay: number): SendBound => ({ hour: Math.min(perHour, perDay), day: Math.min(perDay, perHour * 24) })
// A daily budget can be spent within one hour.
const daily = (perDay: number): SendBound => ({ hour: perDay, day: perDay })

/**
 * The worst case a configuration allows, from the same defaults `createSendOtp` applies: what
 * the README's security model states, and what a host can print for its own settings. With
 * limits or budgets turned off, the bound they gave is `Infinity`.
 *
 * @example
 * sendWorstCase().total.phone_number // { hour: 1000, day: 1000 }
 */
export function sendWorstCase(options: { readonly resendLimits?: ResendLimits | false; readonly deliveryBudgets?: DeliveryBudgets | false; readonly smsRegions?: readonly CountryCode[] } = {}): SendWorstCase {
  const limits = options.resendLimits === false ? undefined : { ...DEFAULT_RESEND_LIMITS, ...options.resendLimits }
  const budgets =
    options.deliveryBudgets === false
      ? undefined
      : {
          perNetworkPerHour: options.deliveryBudgets?.perNetworkPerHour ?? DEFAULT_DELIVERY_BUDGETS.perNetworkPerHour,
          perNetworkPerDay: options.deliveryBudgets?.perNetworkPerDay ?? DEFAULT_DELIVERY_BUDGETS.perNetworkPerDay,
          perClientPerDay: { ...DEFAULT_DELIVERY_BUDGETS.perClientPerDay, ...options.deliveryBudgets?.perClientPerDay },
          globalPerDay: { ...DEFAULT_DELIVERY_BUDGETS.globalPerDay, ...options.deliveryBudgets?.globalPerDay },
        }
  const total = (channel: Channel): SendBound => daily(budgets?.globalPerDay[channel] ?? Infinity)
  const client = (channel: Channel): SendBound => daily(Math.min(budgets?.perClientPerDay[channel] ?? Infinity, budgets?.globalPerDay[channel] ?? Infinity))
  const sms = total('phone_number')
  const email = total('email')
  return {
    perVictim: limits === undefined ? daily(Infinity) : capped(limits.inboxMaxPerHour, limits.inboxMaxPerDay),
    perNetwork: budgets === undefined ? daily(Infinity) : capped(budgets.perNetworkPerHour, budgets.perNetworkPerDay),
    perClient: { email: client('email'), phone_number: client('phone_number') },
    perRegion: { ...sms, regions: options.smsRegions ?? DEFAULT_SMS_REGIONS },
    total: { email, phone_number: sms, all: { hour: email.hour + sms.hour, day: email.day + sms.day } },
  }
}
