import { positive } from '../positive.js'
import { deliveryQuotaSpent, smsRateLimitExceeded, tooManyRequests, type SendOtpError } from '../errors.js'
import type { BudgetWindow, Channel, OtpUsage } from '../ports.js'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/**
 * Two windows, so a stranger's sends cannot deny a user their code: the cooldown and the
 * hourly cap count per flow (client, usage and identifier), so sends through another client or
 * for another usage never touch the user's reset flow; the inbox caps count every flow together
 * and only bound what one mailbox or phone receives.
 */
export interface ResendLimits {
  /** Seconds between two codes in one flow. Default 60. */
  readonly cooldownSeconds?: number
  /** Codes per flow per rolling hour. Default 10. */
  readonly maxPerHour?: number
  /** Codes per identifier per rolling hour, across every client and usage. Default 30. */
  readonly inboxMaxPerHour?: number
  /** Codes per identifier per rolling 24 hours (the CIAM's own cap is 50 per number). Default 50. */
  readonly inboxMaxPerDay?: number
}

/**
 * What the send path may cost, whoever asks: a pumping or bombing wave spends at most these.
 * A spent client or global budget answers `insufficient_sms_quota` / `insufficient_email_quota`
 * (and the audit event says which); a spent network budget answers `too_many_requests`.
 */
export interface DeliveryBudgets {
  /** Codes per source network (IPv4 /24, IPv6 /56) per rolling hour. Default 20. */
  readonly perNetworkPerHour?: number
  /** Codes per source network per rolling 24 hours. Default 100. */
  readonly perNetworkPerDay?: number
  /** Codes per client per channel per rolling 24 hours. Default 500 SMS, 5,000 emails. */
  readonly perClientPerDay?: Partial<Readonly<Record<Channel, number>>>
  /** Codes per channel per rolling 24 hours, every client together. Default 1,000 SMS, 10,000 emails. */
  readonly globalPerDay?: Partial<Readonly<Record<Channel, number>>>
}

export const DEFAULT_RESEND_LIMITS = { cooldownSeconds: 60, maxPerHour: 10, inboxMaxPerHour: 30, inboxMaxPerDay: 50 } as const satisfies Required<ResendLimits>

export const DEFAULT_DELIVERY_BUDGETS = {
  perNetworkPerHour: 20,
  perNetworkPerDay: 100,
  perClientPerDay: { phone_number: 500, email: 5_000 },
  globalPerDay: { phone_number: 1_000, email: 10_000 },
} as const

/** Why the windows refused a send, for the audit trail. */
export type WindowRefusal = 'rate_limited' | 'network_budget_spent' | 'client_budget_spent' | 'global_budget_spent'

export interface SendWindowsOptions {
  readonly resendLimits: ResendLimits | false | undefined
  readonly deliveryBudgets: DeliveryBudgets | false | undefined
}

export interface SendWindowRequest {
  readonly clientId: string
  readonly usage: OtpUsage
  readonly channel: Channel
  readonly inbox: string
  /** The requester's network (e.g. `ip:203.0.113.0/24`), when the transport knows it. */
  readonly network: string | undefined
}


const window = (key: string, maxPerWindow: number, windowMs: number, cooldownMs = 0): BudgetWindow => ({ key, cooldownMs, maxPerWindow, windowMs })

/** Every window one send must fit in, built once from the options (all validated here). */
export function createSendWindows(options: SendWindowsOptions): ((request: SendWindowRequest) => BudgetWindow[]) | undefined {
  const { resendLimits, deliveryBudgets } = options
  if (resendLimits === false && deliveryBudgets === false) return undefined
  const limits = resendLimits === false ? undefined : { ...DEFAULT_RESEND_LIMITS, ...resendLimits }
  if (limits !== undefined) {
    if (!Number.isFinite(limits.cooldownSeconds) || limits.cooldownSeconds < 0) throw new TypeError(`cooldownSeconds must be ≥ 0, got ${limits.cooldownSeconds}`)
    for (const name of ['maxPerHour', 'inboxMaxPerHour', 'inboxMaxPerDay'] as const) positive(name, limits[name])
  }
  const budgets =
    deliveryBudgets === false
      ? undefined
      : {
          perNetworkPerHour: positive('perNetworkPerHour', deliveryBudgets?.perNetworkPerHour ?? DEFAULT_DELIVERY_BUDGETS.perNetworkPerHour),
          perNetworkPerDay: positive('perNetworkPerDay', deliveryBudgets?.perNetworkPerDay ?? DEFAULT_DELIVERY_BUDGETS.perNetworkPerDay),
          perClientPerDay: { ...DEFAULT_DELIVERY_BUDGETS.perClientPerDay, ...deliveryBudgets?.perClientPerDay },
          globalPerDay: { ...DEFAULT_DELIVERY_BUDGETS.globalPerDay, ...deliveryBudgets?.globalPerDay },
        }
  if (budgets !== undefined) {
    for (const channel of ['email', 'phone_number'] as const) {
      positive(`perClientPerDay.${channel}`, budgets.perClientPerDay[channel])
      positive(`globalPerDay.${channel}`, budgets.globalPerDay[channel])
    }
  }
  return ({ clientId, usage, channel, inbox, network }) => [
    ...(limits === undefined
      ? []
      : [
          window(`flow:${JSON.stringify([clientId, usage, inbox])}`, limits.maxPerHour, HOUR_MS, limits.cooldownSeconds * 1000),
          window(`inbox:${inbox}`, limits.inboxMaxPerHour, HOUR_MS),
          window(`inbox-day:${inbox}`, limits.inboxMaxPerDay, DAY_MS),
        ]),
    ...(budgets === undefined
      ? []
      : [
          ...(network === undefined
            ? []
            : [window(`network:${network}`, budgets.perNetworkPerHour, HOUR_MS), window(`network-day:${network}`, budgets.perNetworkPerDay, DAY_MS)]),
          window(`client:${JSON.stringify([channel, clientId])}`, budgets.perClientPerDay[channel], DAY_MS),
          window(`global:${channel}`, budgets.globalPerDay[channel], DAY_MS),
        ]),
  ]
}

/** What a refusing window means on the wire and in the audit trail. */
export function windowRefusal(windowKey: string, channel: Channel, retryAfterMs: number): { readonly error: SendOtpError; readonly reason: WindowRefusal } {
  const scope = windowKey.slice(0, windowKey.indexOf(':'))
  switch (scope) {
    case 'network':
    case 'network-day':
      return { error: tooManyRequests(retryAfterMs, 'Too many codes requested from this network; try again later.'), reason: 'network_budget_spent' }
    case 'client':
      return { error: deliveryQuotaSpent(channel, retryAfterMs), reason: 'client_budget_spent' }
    case 'global':
      return { error: deliveryQuotaSpent(channel, retryAfterMs), reason: 'global_budget_spent' }
    default:
      // One identifier's limits: the CIAM's own words for a phone number, ours for a mailbox.
      return { error: channel === 'phone_number' ? smsRateLimitExceeded(retryAfterMs) : tooManyRequests(retryAfterMs), reason: 'rate_limited' }
  }
}
