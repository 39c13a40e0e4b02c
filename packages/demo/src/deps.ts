import { createMemoryAccessTokens, createMemoryClientRegistry, createMemorySessionStore } from '@resetkit/adapters-memory'
import { createOtpVerifier, createPasswordPolicy, createResetPassword, createSendOtp, type OtpSender, type PasswordHasher, type UserSeed } from '@resetkit/core'
import { createArgon2WorkerHasher, type Argon2WorkerHasher } from '@resetkit/adapters-node/argon2'
import { commonPasswordList, createZxcvbnWorkerEstimator } from '@resetkit/adapters-node/zxcvbn'
import { createPwnedPasswordsChecker } from '@resetkit/adapters-pwned-passwords'
import type { ClientRegistry, ResetkitHttpDeps } from '@resetkit/http'
import type { DestinationStream } from 'pino'
import type { DemoConfig } from './config.js'
import { createDemoLogger, createLoggerAuditLog } from './logger.js'
import { createConsoleOtpSender } from './console-sender.js'
import { DEMO_CLIENTS, DEMO_TOKENS, DEMO_USERS } from './seed.js'
import { createDemoStores } from './stores.js'

export interface DemoOverrides {
  readonly sender?: OtpSender
  readonly hasher?: PasswordHasher
  /** More users, already hashed (benchmarks); the seeded demo users are always there. */
  readonly extraUsers?: readonly UserSeed[]
  /** Replaces the seeded client registry (tests that generate clients). */
  readonly clients?: ClientRegistry
  /** Where the JSON log lines go; stdout by default. */
  readonly logDestination?: DestinationStream
}

export interface DemoDeps extends ResetkitHttpDeps {
  /** Whether every store answers now. */
  readonly ready: () => Promise<boolean>
  /** Stops the zxcvbn worker. */
  readonly close: () => Promise<void>
}

/**
 * The demo's whole resetkit, transport-free: memory adapters, argon2id, zxcvbn in a worker,
 * seeded clients, users and tokens. Any transport (Express, Hono, node:http) serves it.
 */
export async function createDemoDeps(config: DemoConfig, overrides: DemoOverrides = {}): Promise<DemoDeps> {
  // Only a hasher the demo made itself is the demo's to close.
  let workerHasher: Argon2WorkerHasher | undefined
  const hasher = overrides.hasher ?? (workerHasher = createArgon2WorkerHasher())
  const seeded = await Promise.all(DEMO_USERS.map(async ({ password, ...user }) => ({ ...user, passwordHash: await hasher.hash(password) })))
  const logger = createDemoLogger(overrides.logDestination)
  const stores = await createDemoStores(config, [...seeded, ...(overrides.extraUsers ?? [])], logger).catch(async (error: unknown) => {
    await workerHasher?.close()
    throw error
  })
  const { users, otpStore: store, windows } = stores
  const estimator = createZxcvbnWorkerEstimator()
  const cooldown = config.otpResendCooldownSeconds
  const audit = { log: createLoggerAuditLog(logger), pseudonymKey: config.auditPseudonymKey }
  // Every seeded user is signed in somewhere, so a reset has sessions to end.
  const sessionStore = createMemorySessionStore(DEMO_USERS.map(({ id }) => ({ userId: id, sessionId: `${id}-browser` })))
  return {
    sendOtp: createSendOtp({
      store,
      windows,
      sender: overrides.sender ?? createConsoleOtpSender(),
      ttlSeconds: config.otpTtlSeconds,
      resendLimits: cooldown === 0 ? false : { cooldownSeconds: cooldown, maxPerHour: 10 },
      audit,
    }),
    resetPassword: createResetPassword({
      users,
      otp: createOtpVerifier({ store, windows, maxAttempts: config.otpMaxAttempts }),
      policy: createPasswordPolicy({ minLength: 8, history: config.passwordHistory, strength: { minScore: 3, estimator }, commonPasswords: { list: commonPasswordList } }),
      hasher,
      ...breachedPasswordsFor(config),
      // One line per effect, in a fixed form people and scripts can read.
      sessions: {
        async revokeAllForUser(userId) {
          const revoked = await sessionStore.revokeAllForUser(userId)
          console.log(`[dev-sessions] user=${userId} revoked=${revoked}`)
          return revoked
        },
      },
      notifier: { notify: async ({ to, event }) => console.log(`[dev-notify] to=${to} event=${event}`) },
      // The audit event records the failure; this line adds the cause's kind for the operator.
      onEffectFailed: ({ effect, attempts, cause }) => logger.error({ effect, attempts, cause: errorKind(cause) }, 'post-reset effect failed'),
      audit,
    }),
    clients: overrides.clients ?? createMemoryClientRegistry(DEMO_CLIENTS),
    audit,
    tokens: createMemoryAccessTokens(DEMO_TOKENS),
    ...(config.rateLimit ? { rateLimit: stores.rateLimit } : {}),
    // The operator's log gets the port and the cause's class; the client sees only "server_error".
    onServerError: ({ code, port, cause }) => logger.error({ code, port, cause: errorKind(cause) }, 'resetkit server error'),
    ready: stores.ready,
    close: async () => {
      await Promise.all([estimator.close(), workerHasher?.close(), stores.close()])
    },
  }
}

// Asked only after the code and the local rules pass; fail-open by default (an audit event says so).
function breachedPasswordsFor({ breachedPasswords }: DemoConfig) {
  if (breachedPasswords === 'off') return {}
  const { baseUrl, timeoutMs, whenUnavailable } = breachedPasswords
  return { breachedPasswords: { checker: createPwnedPasswordsChecker({ baseUrl, timeoutMs }), whenUnavailable } }
}

// The class of a failure, not its message: a driver's message may quote the values it was given.
const errorKind = (cause: unknown): string => (cause instanceof Error ? cause.name : typeof cause)
