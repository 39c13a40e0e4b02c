import { err, ok, type Result, type ResultAsync } from 'neverthrow'
import type { SendOtpError, ServerError } from '../errors.js'
import type { Auditor } from '../audit/auditor.js'
import type { PortCaller } from '../port-call.js'
import type { OtpRecord, OtpStore, RandomSource, UserStore } from '../ports.js'
import type { SendOtpCommand } from './send-command.js'
import { generateCode, generateToken } from './secrets.js'
import { createBackgroundQueue, DEFAULT_BACKGROUND_DELIVERY, type BackgroundDeliveryOptions } from './background-queue.js'
import { pause } from '../pause.js'

export type { BackgroundDeliveryOptions }

type Step = 'users.findByIdentifier' | 'otp.issue' | 'otp.send'

interface KnownAccountDeliveryDeps {
  readonly users: UserStore
  readonly store: OtpStore
  readonly call: PortCaller
  readonly auditor: Auditor
  readonly random: RandomSource
  readonly codeLength: number
  readonly recordOf: (command: SendOtpCommand, otpToken: string, secret: string, now: number) => OtpRecord
  readonly deliver: (command: SendOtpCommand, code: string, expiresAt: number) => ResultAsync<void, SendOtpError>
  readonly options: BackgroundDeliveryOptions | undefined
}

interface StepFailure {
  readonly error: SendOtpError
  readonly attempts: number
}

// Only a missing answer is worth another try; a provider's typed refusal (quota, recipient,
// its rate limit) would say the same again.
const retryable = (error: SendOtpError): boolean => error.code === 'server_error' || error.code === 'temporarily_unavailable'

const serverErrorOf = (error: ServerError): SendOtpError => error

/**
 * Delivery for known accounts only, after the request has been answered: look the identifier
 * up, issue the record, deliver if the account is active. Any other identifier still gets a
 * record, one whose code is 256 random bits nobody is told, so its token behaves like any
 * other token with a wrong code and can never verify.
 */
export interface KnownAccountDelivery {
  /** False when the queue is full: the caller answers 503, whatever the account. */
  offer(command: SendOtpCommand, otpToken: string, issuedAt: number): boolean
  idle(): Promise<void>
}

export function createKnownAccountDelivery(deps: KnownAccountDeliveryDeps): KnownAccountDelivery {
  const { users, store, call, auditor, random, codeLength, recordOf, deliver } = deps
  const { concurrency, maxQueued, retryDelaysMs } = { ...DEFAULT_BACKGROUND_DELIVERY, ...deps.options }
  for (const delay of retryDelaysMs) if (!(delay >= 0)) throw new TypeError(`retryDelaysMs must be ≥ 0, got ${delay}`)
  const queue = createBackgroundQueue(concurrency, maxQueued)

  const withRetries = async <T>(run: () => ResultAsync<T, SendOtpError>): Promise<Result<T, StepFailure>> => {
    for (let attempt = 1; ; attempt++) {
      const outcome = await run().match(
        (value) => ({ done: ok<T, StepFailure>(value) }),
        (error) => ({ error }),
      )
      if ('done' in outcome) return outcome.done
      const delay = retryDelaysMs[attempt - 1]
      if (delay === undefined || !retryable(outcome.error)) return err({ error: outcome.error, attempts: attempt })
      await pause(delay)
    }
  }

  const run = async (command: SendOtpCommand, otpToken: string, issuedAt: number): Promise<void> => {
    const { clientId, usage, identifier } = command
    const failed = (port: Step, failure: StepFailure): void =>
      auditor.record(identifier, { type: 'otp_delivery_failed', clientId, usage, port, attempts: failure.attempts, reason: failure.error.code })

    const found = await withRetries(() => call('users.findByIdentifier', () => users.findByIdentifier(identifier)).mapErr(serverErrorOf))
    if (found.isErr()) return failed('users.findByIdentifier', found.error)
    const user = found.value
    const active = user !== null && user.status === 'active'
    const code = generateCode(random, codeLength)
    const record = recordOf(command, otpToken, active ? code : generateToken(random), issuedAt)
    const issued = await withRetries(() => call('otp.issue', () => store.issue(record)).mapErr(serverErrorOf))
    if (issued.isErr()) return failed('otp.issue', issued.error)
    if (!active) {
      auditor.record(identifier, { type: 'otp_delivery_skipped', clientId, usage, reason: user === null ? 'no_account' : 'inactive_account' })
      return
    }
    const sent = await withRetries(() => deliver(command, code, record.expiresAt))
    if (sent.isErr()) return failed('otp.send', sent.error)
    auditor.record(identifier, { type: 'otp_sent', clientId, usage })
  }

  return {
    offer: (command: SendOtpCommand, otpToken: string, issuedAt: number): boolean => queue.offer(() => run(command, otpToken, issuedAt)),
    idle: () => queue.idle(),
  }
}
