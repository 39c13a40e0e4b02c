import { positive } from './positive.js'
import { errAsync, ok, err, okAsync, type Result, type ResultAsync } from 'neverthrow'
import { systemClock, systemRandom } from './system.js'
import { deliveryFailureOf } from './delivery.js'
import {
  deliveryRefused,
  deliveryUnavailable,
  humanCheckFailed,
  smsRecipientRefused,
  temporarilyUnavailable,
  type SendOtpError,
  type ServerError,
} from './errors.js'
import { codeHashOf, generateCode, generateToken, tokenIdOf } from './otp/secrets.js'
import { createPortCaller } from './port-call.js'
import { mapErrAsync } from './result-async.js'
import { createAuditor, type AuditOptions } from './audit/auditor.js'
import type { SendRefusalReason } from './audit/events.js'
import { identifierKey, type CountryCode } from './identifier.js'
import { windowsFor } from './windows-for.js'
import { DEFAULT_SMS_REGIONS, smsRecipientRefusal } from './otp/sms-recipients.js'
import { phoneLibrary } from './phone-library.js'
import { createSendWindows, windowRefusal, type DeliveryBudgets, type ResendLimits } from './otp/send-windows.js'
import { createKnownAccountDelivery, type BackgroundDeliveryOptions } from './otp/known-account-delivery.js'
import type { SendOtpCommand } from './otp/send-command.js'
import type { Channel, Clock, HumanCheck, Identifier, OtpRecord, OtpSender, OtpStore, OtpUsage, RandomSource, UserStore, WindowBudget } from './ports.js'

export type { DeliveryBudgets, ResendLimits, SendOtpCommand }

export interface SendOtpDeps {
  readonly store: OtpStore
  readonly sender: OtpSender
  readonly clock?: Clock
  readonly random?: RandomSource
  /** Code lifetime; default 300 s. */
  readonly ttlSeconds?: number
  /** Digits per code; default 6. */
  readonly codeLength?: number
  /** Per flow and per inbox; `false` turns them off (tests, demos). */
  readonly resendLimits?: ResendLimits | false
  /** Per network, per client and global per channel; `false` turns them off (tests, demos). */
  readonly deliveryBudgets?: DeliveryBudgets | false
  /** Where the windows are counted (e.g. `createMemoryWindowBudget()`); required unless both limits are false. */
  readonly windows?: WindowBudget
  /** The regions (ISO 3166, as libphonenumber names them) SMS may go to. Default `['CN']`. */
  readonly smsRegions?: readonly CountryCode[]
  /**
   * Per channel: deliver only to an identifier of an active account, off the request path, so
   * the answer is the same for any other identifier and nothing is sent to it. Default: on for
   * SMS (each one costs money), off for email (a delivery failure can then still be a 503).
   * `signup` codes are exempt: they are for identifiers without an account.
   */
  readonly knownAccountsOnly?: Partial<Readonly<Record<Channel, boolean>>>
  /** Required while `knownAccountsOnly` is on for a channel. */
  readonly users?: UserStore
  readonly background?: BackgroundDeliveryOptions
  /** Asked before every send, with the request's token; a refusal or a failure refuses the send. */
  readonly humanCheck?: HumanCheck
  readonly portTimeoutMs?: number
  /** The audit trail: a code sent or a send refused, subjects pseudonymised. Off when absent. */
  readonly audit?: AuditOptions
}

/** The usages a code can be sent for, as the CIAM's `/otp/send` names them. */
export const OTP_USAGES: readonly OtpUsage[] = ['reset_password', 'login', 'signup', 'update_userinfo']

export interface SendOtpSuccess {
  readonly otpToken: string
  readonly expiresAt: number
}

export type SendOtp = (command: SendOtpCommand) => ResultAsync<SendOtpSuccess, SendOtpError>

/** `createSendOtp`'s answer: the use case, and a way to wait for deliveries still in the background. */
export interface SendOtpUseCase extends SendOtp {
  /** Settles once every delivery started so far has finished (graceful shutdown, tests). */
  idle(): Promise<void>
}

interface Refusal {
  readonly error: SendOtpError
  readonly reason: SendRefusalReason
}

// A provider's own rate limit is one more `rate_limited` in the audit trail.
const refusal = (error: SendOtpError): Refusal => ({ error, reason: error.code === 'too_many_requests' ? 'rate_limited' : error.code })


/**
 * The `POST /otp/send` use case. Before anything is sent: the SMS recipient policy (mobile
 * numbers in the allowed regions), the human check, then every window at once (the
 * identifier's limits and the delivery budgets). Whether an account exists is never said.
 *
 * @example
 * const sendOtp = createSendOtp({ store, windows, sender, users })
 * const sent = await sendOtp({ clientId: 'web', usage: 'reset_password', identifier })
 */
export function createSendOtp(deps: SendOtpDeps): SendOtpUseCase {
  const { store, sender, humanCheck } = deps
  const clock = deps.clock ?? systemClock
  const random = deps.random ?? systemRandom
  const call = createPortCaller(deps.portTimeoutMs)
  const auditor = createAuditor(deps.audit, clock)
  const ttlMs = positive('ttlSeconds', deps.ttlSeconds ?? 300) * 1000
  const codeLength = positive('codeLength', deps.codeLength ?? 6)
  const windowsOf = createSendWindows({ resendLimits: deps.resendLimits, deliveryBudgets: deps.deliveryBudgets })
  const sendWindows = windowsOf === undefined ? undefined : { of: windowsOf, budget: windowsFor(deps.windows, 'resendLimits and deliveryBudgets') }
  const smsRegions = new Set<string>(deps.smsRegions ?? DEFAULT_SMS_REGIONS)
  phoneLibrary() // loaded at creation, so the first number a request carries does not wait for it
  const knownOnly = { email: false, phone_number: true, ...deps.knownAccountsOnly }
  const users = deps.users
  if ((knownOnly.email || knownOnly.phone_number) && users === undefined) {
    throw new TypeError('knownAccountsOnly needs `users` (a UserStore), or knownAccountsOnly: { email: false, phone_number: false }')
  }

  const recordOf = (command: SendOtpCommand, otpToken: string, secret: string, now: number): OtpRecord => ({
    tokenId: tokenIdOf(otpToken),
    clientId: command.clientId,
    usage: command.usage,
    identifier: command.identifier,
    codeHash: codeHashOf(otpToken, secret),
    issuedAt: now,
    expiresAt: now + ttlMs,
    attempts: 0,
    consumed: false,
  })

  /** The provider said why: answer in the contract's words; otherwise the CIAM's 503. */
  const deliveryError = (channel: Channel, error: ServerError): SendOtpError => {
    const failure = deliveryFailureOf(error.cause)
    return failure === undefined ? deliveryUnavailable(error.cause) : deliveryRefused(channel, failure)
  }

  const deliver = (command: SendOtpCommand, code: string, expiresAt: number): ResultAsync<void, SendOtpError> => {
    const { channel, value: to } = command.identifier
    const locale = command.locale === undefined ? {} : { locale: command.locale }
    return mapErrAsync(call('otp.send', () => sender.send({ channel, to, code, usage: command.usage, expiresAt, ...locale })), (error) => deliveryError(channel, error))
  }

  const knownAccountDelivery =
    users === undefined
      ? undefined
      : createKnownAccountDelivery({ users, store, call, auditor, random, codeLength, recordOf, deliver, options: deps.background })

  const checkRecipient = ({ channel, value }: Identifier): Result<void, Refusal> => {
    if (channel !== 'phone_number') return ok(undefined)
    const refused = smsRecipientRefusal(value, smsRegions)
    return refused === undefined ? ok(undefined) : err({ error: smsRecipientRefused(refused), reason: refused })
  }

  const checkHuman = (command: SendOtpCommand): ResultAsync<void, Refusal> => {
    if (humanCheck === undefined) return okAsync(undefined)
    const token = command.humanCheckToken
    if (token === undefined || token.length === 0) return errAsync(refusal(humanCheckFailed(true)))
    const remoteIp = command.source === undefined ? {} : { remoteIp: command.source.ip }
    return mapErrAsync(call('humanCheck.verify', () => humanCheck.verify({ token, clientId: command.clientId, ...remoteIp })), refusal).andThen((human) =>
      human ? ok(undefined) : err(refusal(humanCheckFailed(false))),
    )
  }

  const reserve = (command: SendOtpCommand, now: number): ResultAsync<void, Refusal> => {
    if (sendWindows === undefined) return okAsync(undefined)
    const { clientId, usage, identifier } = command
    const windows = sendWindows.of({ clientId, usage, channel: identifier.channel, inbox: identifierKey(identifier), network: command.source?.network })
    return mapErrAsync(call('windows.reserve', () => sendWindows.budget.reserve({ now, windows })), refusal).andThen((outcome) =>
      outcome.allowed ? ok(undefined) : err(windowRefusal(outcome.window, identifier.channel, outcome.retryAfterMs)),
    )
  }

  const sendNow = (command: SendOtpCommand, now: number): ResultAsync<SendOtpSuccess, Refusal> => {
    const otpToken = generateToken(random)
    const code = generateCode(random, codeLength)
    const record = recordOf(command, otpToken, code, now)
    return mapErrAsync(call('otp.issue', () => store.issue(record)), refusal)
      .andThen(() => mapErrAsync(deliver(command, code, record.expiresAt), refusal))
      .andThen(() => {
        auditor.record(command.identifier, { type: 'otp_sent', clientId: command.clientId, usage: command.usage })
        return ok({ otpToken, expiresAt: record.expiresAt })
      })
  }

  // The token is the only thing made on the request path: the lookup, the record and the
  // delivery all happen after the answer, so no part of it depends on the account.
  const sendLater = (command: SendOtpCommand, now: number): ResultAsync<SendOtpSuccess, Refusal> => {
    const otpToken = generateToken(random)
    // Stryker disable next-line OptionalChaining,BooleanLiteral: a send is later only for a channel that needs users, so the delivery exists here
    const queued = knownAccountDelivery?.offer(command, otpToken, now) ?? false
    return queued ? okAsync({ otpToken, expiresAt: now + ttlMs }) : errAsync(refusal(temporarilyUnavailable('otp.background')))
  }

  const sendOtp = (command: SendOtpCommand): ResultAsync<SendOtpSuccess, SendOtpError> => {
    const now = clock.now()
    const { clientId, usage, identifier } = command
    const later = knownOnly[identifier.channel] && usage !== 'signup'
    const sent = checkRecipient(identifier)
      .asyncAndThen(() => checkHuman(command))
      .andThen(() => reserve(command, now))
      .andThen(() => (later ? sendLater(command, now) : sendNow(command, now)))
    return mapErrAsync(sent, ({ error, reason }) => {
      auditor.record(identifier, { type: 'otp_send_refused', clientId, usage, reason })
      return error
    })
  }
  return Object.assign(sendOtp, { idle: () => knownAccountDelivery?.idle() ?? Promise.resolve() })
}
