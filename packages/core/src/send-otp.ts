import { errAsync, okAsync, type ResultAsync } from 'neverthrow'
import { systemClock, systemRandom } from './system.js'
import { deliveryFailureOf } from './delivery.js'
import { deliveryRefused, tooManyRequests, type SendOtpError } from './errors.js'
import { codeHashOf, generateCode, generateToken, tokenIdOf } from './otp/secrets.js'
import { createPortCaller } from './port-call.js'
import { createAuditor, type AuditOptions } from './audit/auditor.js'
import { identifierKey } from './identifier.js'
import { windowsFor } from './windows-for.js'
import type { BudgetWindow, Clock, Identifier, OtpRecord, OtpSender, OtpStore, OtpUsage, RandomSource, WindowBudget } from './ports.js'

const HOUR_MS = 3_600_000

/**
 * Two windows, so a stranger's sends cannot deny a user their code: the cooldown and the
 * hourly cap count per flow (client, usage and identifier), so sends through another client or
 * for another usage never touch the user's reset flow; the inbox cap counts every flow together
 * and only bounds what one mailbox or phone receives.
 */
export interface ResendLimits {
  /** Seconds between two codes in one flow. Default 60. */
  readonly cooldownSeconds?: number
  /** Codes per flow per rolling hour. Default 10. */
  readonly maxPerHour?: number
  /** Codes per identifier per rolling hour, across every client and usage. Default 30. */
  readonly inboxMaxPerHour?: number
}

export interface SendOtpDeps {
  readonly store: OtpStore
  readonly sender: OtpSender
  readonly clock?: Clock
  readonly random?: RandomSource
  /** Code lifetime; default 300 s. */
  readonly ttlSeconds?: number
  /** Digits per code; default 6. */
  readonly codeLength?: number
  /** `false` turns the cooldown and the hourly caps off (tests, demos). */
  readonly resendLimits?: ResendLimits | false
  /** Where the send windows are counted (e.g. `createMemoryWindowBudget()`); required unless `resendLimits` is false. */
  readonly windows?: WindowBudget
  readonly portTimeoutMs?: number
  /** The audit trail: a code sent or a send refused, subjects pseudonymised. Off when absent. */
  readonly audit?: AuditOptions
}

/** The usages a code can be sent for, as the CIAM's `/otp/send` names them. */
export const OTP_USAGES: readonly OtpUsage[] = ['reset_password', 'login', 'signup', 'update_userinfo']

/** A send request whose shape is known good (the wire format is `@resetkit/http`'s to parse). */
export interface SendOtpCommand {
  /** The client that authenticated the request. */
  readonly clientId: string
  readonly usage: OtpUsage
  readonly identifier: Identifier
  /** The language the requester prefers (a BCP 47 tag, e.g. from Accept-Language), for the message. */
  readonly locale?: string
}

export interface SendOtpSuccess {
  readonly otpToken: string
  readonly expiresAt: number
}

export type SendOtp = (command: SendOtpCommand) => ResultAsync<SendOtpSuccess, SendOtpError>

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a whole number ≥ 1, got ${value}`)
  return value
}

/**
 * The `POST /otp/send` use case. It never looks the user up: a code goes out for any
 * well-formed identifier, so the answer is the same whether an account exists or not.
 *
 * @example
 * const sendOtp = createSendOtp({ store, windows, sender })
 * const sent = await sendOtp({ clientId: 'web', usage: 'reset_password', identifier })
 */
export function createSendOtp(deps: SendOtpDeps): SendOtp {
  const { store, sender } = deps
  const clock = deps.clock ?? systemClock
  const random = deps.random ?? systemRandom
  const call = createPortCaller(deps.portTimeoutMs)
  const auditor = createAuditor(deps.audit, clock)
  const ttlMs = positive('ttlSeconds', deps.ttlSeconds ?? 300) * 1000
  const codeLength = positive('codeLength', deps.codeLength ?? 6)
  const limits =
    deps.resendLimits === false
      ? undefined
      : {
          cooldownMs: (deps.resendLimits?.cooldownSeconds ?? 60) * 1000,
          maxPerFlow: positive('maxPerHour', deps.resendLimits?.maxPerHour ?? 10),
          maxPerInbox: positive('inboxMaxPerHour', deps.resendLimits?.inboxMaxPerHour ?? 30),
          budget: windowsFor(deps.windows, 'resendLimits'),
        }

  const reserveSend = (command: SendOtpCommand, now: number): ResultAsync<void, SendOtpError> => {
    if (limits === undefined) return okAsync(undefined)
    const inbox = identifierKey(command.identifier)
    const windows: BudgetWindow[] = [
      { key: `flow:${JSON.stringify([command.clientId, command.usage, inbox])}`, cooldownMs: limits.cooldownMs, maxPerWindow: limits.maxPerFlow, windowMs: HOUR_MS },
      { key: `inbox:${inbox}`, cooldownMs: 0, maxPerWindow: limits.maxPerInbox, windowMs: HOUR_MS },
    ]
    return call('windows.reserve', () => limits.budget.reserve({ now, windows })).andThen((outcome) =>
      outcome.allowed ? okAsync(undefined) : errAsync(tooManyRequests(outcome.retryAfterMs)),
    )
  }

  return (command) => {
    const now = clock.now()
    const otpToken = generateToken(random)
    const code = generateCode(random, codeLength)
    const record: OtpRecord = {
      tokenId: tokenIdOf(otpToken),
      clientId: command.clientId,
      usage: command.usage,
      identifier: command.identifier,
      codeHash: codeHashOf(otpToken, code),
      issuedAt: now,
      expiresAt: now + ttlMs,
      attempts: 0,
      consumed: false,
    }
    const { clientId, usage, identifier } = command
    const { channel, value: to } = identifier
    return reserveSend(command, now)
      .andThen(() => call('otp.issue', () => store.issue(record)))
      .andThen(() =>
        call('otp.send', () => sender.send({ channel, to, code, usage, expiresAt: record.expiresAt, ...(command.locale === undefined ? {} : { locale: command.locale }) })).mapErr((error): SendOtpError => {
          // The provider said why: answer in the contract's words rather than a bare 500.
          const failure = error.code === 'server_error' ? deliveryFailureOf(error.cause) : undefined
          return failure === undefined ? error : deliveryRefused(channel, failure)
        }),
      )
      .map(() => {
        auditor.record(identifier, { type: 'otp_sent', clientId, usage })
        return { otpToken, expiresAt: record.expiresAt }
      })
      .mapErr((error) => {
        const reason = error.code === 'too_many_requests' ? 'rate_limited' : error.code
        auditor.record(identifier, { type: 'otp_send_refused', clientId, usage, reason })
        return error
      })
  }
}
