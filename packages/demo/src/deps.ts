import { createMemoryAccessTokens, createMemorySessionStore } from '@resetkit/adapters-memory'
import { notifiersByChannel, sendersByChannel, type DeliveryBudgets, type Notifier, type OtpSender, type PasswordHasher, type ResendLimits, type UserSeed } from '@resetkit/core'
import { createWorkerThreads } from '@resetkit/adapters-node/threads'
import { createPwnedPasswordsChecker } from '@resetkit/adapters-pwned-passwords'
import type { ClientRegistry, RateLimits, ResetkitHttpDeps } from '@resetkit/http'
import { createResetkit } from '@resetkit/server'
import type { DestinationStream } from 'pino'
import type { DemoConfig } from './config.js'
import { createDemoLogger } from './logger.js'
import { createConsoleOtpSender } from './console-sender.js'
import { printLine } from './print-line.js'
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
  /**
   * Every limit on, with these thresholds instead of the defaults and whatever the config's
   * switches say (benchmarks: the same checks and writes on every request, at a load they would
   * otherwise refuse).
   */
  readonly limits?: DemoLimits
}

export interface DemoLimits {
  readonly rateLimit: RateLimits
  readonly resendLimits: ResendLimits
  readonly deliveryBudgets: DeliveryBudgets
}

export interface DemoDeps extends ResetkitHttpDeps {
  /** Whether every store answers now. */
  readonly ready: () => Promise<boolean>
  /** Stops the worker threads (argon2id and zxcvbn) and the stores. */
  readonly close: () => Promise<void>
}

/**
 * The demo's whole resetkit, transport-free: `createResetkit`'s defaults (argon2id, zxcvbn in a
 * worker, every limit) on the demo's stores, with seeded clients, users and tokens. Any
 * transport (Express, Hono, node:http) serves it.
 */
export async function createDemoDeps(config: DemoConfig, overrides: DemoOverrides = {}): Promise<DemoDeps> {
  // resetkit's own threads, made here so the seeded users are hashed on them before it starts.
  const workerThreads = createWorkerThreads()
  const hasher = overrides.hasher ?? workerThreads.hasher
  const seeded = await Promise.all(DEMO_USERS.map(async ({ password, ...user }) => ({ ...user, passwordHash: await hasher.hash(password) })))
  const logger = createDemoLogger(overrides.logDestination)
  const stores = await createDemoStores(config, [...seeded, ...(overrides.extraUsers ?? [])], logger).catch(async (error: unknown) => {
    await workerThreads.close()
    throw error
  })
  const { users, otpStore, windows } = stores
  const cooldown = config.otpResendCooldownSeconds
  const { limits } = overrides
  // The override's budgets, else the default ones (left unset) unless the config turns them off.
  const deliveryBudgets = limits?.deliveryBudgets ?? (config.deliveryBudgets ? undefined : false)
  // DELIVERY=smtp sends email for real; phone numbers are always printed (no SMS gateway here).
  // Loaded only when configured: the default demo keeps nodemailer and jose out of its heap.
  const email = config.delivery === 'console' ? undefined : (await import('@resetkit/adapters-nodemailer')).createEmailDelivery({ smtp: config.delivery.smtpUrl, from: config.delivery.from, appName: 'resetkit demo' })
  const humanCheck =
    config.turnstile === undefined
      ? undefined
      : (await import('@resetkit/adapters-turnstile')).createTurnstileCheck({ secret: config.turnstile.secret, expectedHostnames: config.turnstile.hostnames, ...(config.turnstile.siteverifyUrl === undefined ? {} : { siteverifyUrl: config.turnstile.siteverifyUrl }) })
  const tokens = config.bearer === undefined ? createMemoryAccessTokens(DEMO_TOKENS) : (await import('@resetkit/adapters-jose')).createJwtAccessTokenVerifier(config.bearer)
  const consoleSender = createConsoleOtpSender()
  const consoleNotifier: Notifier = { notify: async ({ to, event }) => printLine(`[dev-notify] to=${to} event=${event}`) }
  // Every seeded user is signed in on a browser and a phone, so a reset has sessions to end and
  // a signed-in change (from the browser: its token's sid) one to keep.
  const sessionStore = createMemorySessionStore(DEMO_USERS.flatMap(({ id }) => [{ userId: id, sessionId: `${id}-browser` }, { userId: id, sessionId: `${id}-phone` }]))
  const resetkit = createResetkit({
    users,
    otpStore,
    windows,
    clients: overrides.clients ?? DEMO_CLIENTS,
    tokens,
    sender: overrides.sender ?? sendersByChannel({ email: email?.sender ?? consoleSender, phone_number: consoleSender }),
    hasher,
    workerThreads,
    logger,
    auditPseudonymKey: config.auditPseudonymKey,
    policy: { history: config.passwordHistory },
    otp: {
      ttlSeconds: config.otpTtlSeconds,
      maxAttempts: config.otpMaxAttempts,
      resendLimits: limits?.resendLimits ?? (cooldown === 0 ? false : { cooldownSeconds: cooldown, maxPerHour: 10 }),
      ...(deliveryBudgets === undefined ? {} : { deliveryBudgets }),
      smsRegions: config.smsRegions,
    },
    ...(humanCheck === undefined ? {} : { humanCheck }),
    rateLimit: limits?.rateLimit ?? (config.rateLimit ? stores.rateLimit : false),
    // A browser app on a local dev server may call as the single-page client.
    cors: { originsByClient: { 'demo-spa': config.corsOrigins } },
    ...breachedPasswordsFor(config),
    // One line per effect, in a fixed form people and scripts can read.
    sessions: {
      async revokeAllForUser(userId, options) {
        const revoked = await sessionStore.revokeAllForUser(userId, options)
        printLine(`[dev-sessions] user=${userId} revoked=${revoked}${options?.except === undefined ? '' : ` kept=${options.except}`}`)
        return revoked
      },
    },
    notifier: notifiersByChannel({ email: email?.notifier ?? consoleNotifier, phone_number: consoleNotifier }),
  })
  return {
    ...resetkit,
    ready: stores.ready,
    close: async () => {
      email?.close()
      await Promise.all([resetkit.close(), workerThreads.close(), stores.close()])
    },
  }
}

// Asked only after the code and the local rules pass; fail-open by default (an audit event says so).
function breachedPasswordsFor({ breachedPasswords }: DemoConfig) {
  if (breachedPasswords === 'off') return {}
  const { baseUrl, timeoutMs, whenUnavailable } = breachedPasswords
  return { breachedPasswords: { checker: createPwnedPasswordsChecker({ baseUrl, timeoutMs }), whenUnavailable } }
}

