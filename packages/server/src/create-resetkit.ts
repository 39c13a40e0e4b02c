import { createMemoryClientRegistry } from '@resetkit/adapters-memory'
import { createWorkerThreads, type WorkerThreads } from '@resetkit/adapters-node/threads'
import { commonPasswordList } from '@resetkit/adapters-node/zxcvbn'
import {
  createChangePassword,
  createOtpVerifier,
  createPasswordPolicy,
  createResetPassword,
  createSendOtp,
  type AuditLog,
  type BackgroundDeliveryOptions,
  type Channel,
  type CountryCode,
  type DeliveryBudgets,
  type HumanCheck,
  type BreachedPasswordOptions,
  type Clock,
  type FailedEffectReport,
  type Notifier,
  type OldPasswordBudget,
  type OtpSender,
  type OtpStore,
  type PasswordHasher,
  type PasswordPolicyOptions,
  type RandomSource,
  type ResendLimits,
  type SendOtpUseCase,
  type ServerError,
  type SessionRevoker,
  type UserStore,
  type WindowBudget,
} from '@resetkit/core'
import {
  createDefaultRateLimits,
  DEFAULT_REGION,
  type AccessTokenVerifier,
  type ClientRegistry,
  type ClientSeed,
  type CorsOptions,
  type ParseOptions,
  type RateLimits,
  type ResetkitHttpDeps,
} from '@resetkit/http'
import { randomBytes } from 'node:crypto'
import { createLoggerAuditLog, errorKind, type StructuredLogger } from './logger.js'

export interface ResetkitOptions {
  /** Your users: `createPostgresUserStore(…)`, or `createMemoryStores()` to start. */
  readonly users: UserStore
  /** OTP records: Redis for several instances, memory for one. */
  readonly otpStore: OtpStore
  /** Where send windows and guess budgets are counted (same choice as `otpStore`). */
  readonly windows: WindowBudget
  /** The apps allowed to call: a registry, or seeds (secrets stored hashed, in memory). */
  readonly clients: ClientRegistry | readonly ClientSeed[]
  /** Delivers codes by email or SMS. */
  readonly sender: OtpSender
  /** Accepts `Authorization: Bearer` with `openid`; bearer calls are refused without it. */
  readonly tokens?: AccessTokenVerifier
  /** Asked before every send (e.g. `createTurnstileCheck(…)`); none by default. */
  readonly humanCheck?: HumanCheck
  /** Ends the user's other sessions after a reset. */
  readonly sessions?: SessionRevoker
  /** Tells the user their password changed. */
  readonly notifier?: Notifier
  /**
   * pino (or anything with `info`, `error` and `child`): receives the audit trail, server
   * errors and failed post-reset effects. Without one, server errors go to stderr as JSON lines
   * and there is no audit trail unless `auditLog` is given.
   */
  readonly logger?: StructuredLogger
  /** The audit trail's destination, if not `logger`. */
  readonly auditLog?: AuditLog
  /**
   * Key of the audit pseudonyms (≥ 16 bytes). Give a stable secret so subjects match across
   * restarts and instances; by default a random key per process.
   */
  readonly auditPseudonymKey?: string | Uint8Array
  /** Default: argon2id (OWASP parameters) on the worker threads. */
  readonly hasher?: PasswordHasher
  /**
   * The threads the default hasher and strength check run on (`createWorkerThreads()`: one per
   * core, the first also checking strength). Pass your own to use its hasher before (seeding
   * users) or beside resetkit; then closing them is yours. Default: started here, stopped by
   * `close()`, and not started at all when you give both `hasher` and `policy.strength`.
   */
  readonly workerThreads?: WorkerThreads
  /**
   * Changes to the default policy: at least 8 code points, zxcvbn score ≥ 3 on the worker
   * threads, the ~49,000 most common passwords refused, differ from the last 5.
   */
  readonly policy?: Partial<PasswordPolicyOptions>
  /** A breach corpus, e.g. `{ checker: createPwnedPasswordsChecker() }`; none by default. */
  readonly breachedPasswords?: BreachedPasswordOptions
  readonly otp?: {
    /** Default 300. */
    readonly ttlSeconds?: number
    /** Default 6. */
    readonly codeLength?: number
    /** Wrong codes a token survives; default 5. */
    readonly maxAttempts?: number
    /** Default: 60 s apart and 10 an hour per flow, 30 an hour and 50 a day per inbox. `false` is unsafe: it lets anyone bomb an inbox. */
    readonly resendLimits?: ResendLimits | false
    /**
     * Default: 20 an hour and 100 a day per source network (/24, /56), 500 SMS and 5,000
     * emails a day per client, 1,000 SMS and 10,000 emails a day in all. `false` is unsafe: a
     * pumping wave then costs whatever your provider will bill.
     */
    readonly deliveryBudgets?: DeliveryBudgets | false
    /** Regions SMS may go to (ISO 3166). Default: only `parse.defaultRegion` (CN unless set). */
    readonly smsRegions?: readonly CountryCode[]
    /** Default: SMS only to active accounts, off the request path; email to any address. See the README. */
    readonly knownAccountsOnly?: Partial<Readonly<Record<Channel, boolean>>>
    readonly background?: BackgroundDeliveryOptions
    /** Default: 10 wrong codes per identifier per hour. `false` is unsafe: it multiplies guesses by the codes asked for. */
    readonly guessBudget?: { readonly maxWrong?: number; readonly windowSeconds?: number } | false
  }
  /**
   * `POST /change_user_password`, served when `tokens` is given (the user is the token's
   * subject). Default: 5 wrong old passwords per user per 15 minutes. `false` leaves it out.
   */
  readonly changePassword?: { readonly oldPasswordBudget?: OldPasswordBudget | false } | false
  /**
   * Per-IP and per-identifier request limits. Default: in memory (60 a minute per IP, 20 per
   * 15 minutes per identifier), right for one instance; give Redis ones for several.
   * `false` is unsafe: nothing then slows down a flood of requests.
   */
  readonly rateLimit?: RateLimits | false
  readonly parse?: ParseOptions
  readonly cors?: CorsOptions
  readonly portTimeoutMs?: number
  /** Replaces the default logging of server errors. */
  readonly onServerError?: (error: ServerError) => void
  /** Replaces the default logging of post-reset effects that still failed after retries. */
  readonly onEffectFailed?: (report: FailedEffectReport) => void
  readonly clock?: Clock
  readonly random?: RandomSource
}

/** What every transport takes (`createResetkitRouter`, `resetkitFastify`, `createResetkitHandler`), plus `close()`. */
export interface Resetkit extends ResetkitHttpDeps {
  readonly sendOtp: SendOtpUseCase
  /** Waits for deliveries still in the background, then stops the worker threads resetkit started (not your stores). */
  close(): Promise<void>
}

const stderrLine = (fields: object, message: string): void => {
  process.stderr.write(`${JSON.stringify({ level: 'error', component: 'resetkit', msg: message, ...fields })}\n`)
}

/**
 * The whole of resetkit, composed with the safe defaults: argon2id and zxcvbn in worker
 * threads, every limit and budget on, server errors logged by class (never by message). Every
 * default can be replaced; hand the result to any transport.
 *
 * @example
 * const resetkit = createResetkit({ ...createMemoryStores(), clients: [{ id: 'my-spa', type: 'spa' }], sender })
 * app.use(createResetkitRouter(resetkit))
 */
export function createResetkit(options: ResetkitOptions): Resetkit {
  const { logger, otp = {}, clock, random } = options
  const closers: (() => Promise<void>)[] = []
  const started = <T extends { close(): Promise<void> }>(resource: T): T => {
    closers.push(() => resource.close())
    return resource
  }

  // One set of threads for both defaults (a zxcvbn thread of its own would cost ~9 MiB more),
  // started only if a default needs it.
  let startedThreads: WorkerThreads | undefined
  const threads = (): WorkerThreads => options.workerThreads ?? (startedThreads ??= started(createWorkerThreads()))
  const hasher = options.hasher ?? threads().hasher
  const policy = createPasswordPolicy({
    history: 5,
    strength: options.policy?.strength ?? { minScore: 3, estimator: threads().estimator },
    commonPasswords: { list: commonPasswordList },
    ...options.policy,
  })

  const auditLog = options.auditLog ?? (logger === undefined ? undefined : createLoggerAuditLog(logger))
  const audit = auditLog === undefined ? {} : { audit: { log: auditLog, pseudonymKey: options.auditPseudonymKey ?? randomBytes(32) } }
  const logError = logger === undefined ? stderrLine : (fields: object, message: string) => logger.error(fields, message)
  const timeout = options.portTimeoutMs === undefined ? {} : { portTimeoutMs: options.portTimeoutMs }
  const time = clock === undefined ? {} : { clock }

  const windows = options.windows
  const onEffectFailed = options.onEffectFailed ?? (({ effect, attempts, cause }: FailedEffectReport) => logError({ effect, attempts, cause: errorKind(cause) }, 'resetkit post-reset effect failed'))
  const sendOtp = createSendOtp({
    store: options.otpStore,
    windows,
    sender: options.sender,
    users: options.users,
    smsRegions: otp.smsRegions ?? [options.parse?.defaultRegion ?? DEFAULT_REGION],
    ...(otp.deliveryBudgets === undefined ? {} : { deliveryBudgets: otp.deliveryBudgets }),
    ...(otp.knownAccountsOnly === undefined ? {} : { knownAccountsOnly: otp.knownAccountsOnly }),
    ...(otp.background === undefined ? {} : { background: otp.background }),
    ...(options.humanCheck === undefined ? {} : { humanCheck: options.humanCheck }),
    ...(otp.ttlSeconds === undefined ? {} : { ttlSeconds: otp.ttlSeconds }),
    ...(otp.codeLength === undefined ? {} : { codeLength: otp.codeLength }),
    ...(otp.resendLimits === undefined ? {} : { resendLimits: otp.resendLimits }),
    ...(random === undefined ? {} : { random }),
    ...time,
    ...timeout,
    ...audit,
  })
  // What a reset and a signed-in change share: the same rules, hashes and effects after the commit.
  const passwordChange = {
    policy,
    hasher,
    ...(options.sessions === undefined ? {} : { sessions: options.sessions }),
    ...(options.notifier === undefined ? {} : { notifier: options.notifier }),
    ...(options.breachedPasswords === undefined ? {} : { breachedPasswords: options.breachedPasswords }),
    onEffectFailed,
    ...time,
    ...timeout,
    ...audit,
  }
  const resetPassword = createResetPassword({
    users: options.users,
    otp: createOtpVerifier({
      store: options.otpStore,
      windows,
      ...(otp.maxAttempts === undefined ? {} : { maxAttempts: otp.maxAttempts }),
      ...(otp.guessBudget === undefined ? {} : { guessBudget: otp.guessBudget }),
      ...time,
    }),
    ...passwordChange,
  })

  const changeOptions = options.changePassword === false ? undefined : (options.changePassword ?? {})
  const changePassword =
    changeOptions === undefined || options.tokens === undefined
      ? undefined
      : createChangePassword({
          users: options.users,
          windows,
          ...(changeOptions.oldPasswordBudget === undefined ? {} : { oldPasswordBudget: changeOptions.oldPasswordBudget }),
          ...passwordChange,
        })

  const rateLimit = options.rateLimit ?? createDefaultRateLimits()
  return {
    sendOtp,
    resetPassword,
    ...(changePassword === undefined ? {} : { changePassword }),
    clients: Array.isArray(options.clients) ? createMemoryClientRegistry(options.clients) : (options.clients as ClientRegistry),
    ...(options.tokens === undefined ? {} : { tokens: options.tokens }),
    ...(rateLimit === false ? {} : { rateLimit }),
    ...(options.parse === undefined ? {} : { parse: options.parse }),
    ...(options.cors === undefined ? {} : { cors: options.cors }),
    ...timeout,
    ...audit,
    // The operator's log gets the port and the cause's class; the client sees only "server_error".
    onServerError: options.onServerError ?? (({ code, port, cause }) => logError({ code, port, cause: errorKind(cause) }, 'resetkit server error')),
    close: async () => {
      // Codes already promised go out before the workers and the caller's stores close.
      await sendOtp.idle()
      await Promise.all(closers.splice(0).map((close) => close()))
    },
  }
}
