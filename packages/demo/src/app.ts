import { createResetkitRouter } from '@resetkit/adapters-express'
import { createMemoryAccessTokens, createMemoryClientRegistry, createMemoryOtpStore, createMemoryUserStore } from '@resetkit/adapters-memory'
import { createOtpVerifier, createPasswordPolicy, createResetPassword, createSendOtp, type OtpSender, type PasswordHasher } from '@resetkit/core'
import { createArgon2Hasher } from '@resetkit/core/argon2'
import { createZxcvbnWorkerEstimator } from '@resetkit/core/zxcvbn-worker'
import express, { type Express } from 'express'
import type { DemoConfig } from './config.js'
import { createConsoleOtpSender } from './console-sender.js'
import { DEMO_CLIENTS, DEMO_TOKENS, DEMO_USERS } from './seed.js'

export interface DemoApp {
  readonly app: Express
  /** Stops the zxcvbn worker. */
  close(): Promise<void>
}

export interface DemoOverrides {
  readonly sender?: OtpSender
  readonly hasher?: PasswordHasher
}

/** The demo: every port in memory, argon2id, zxcvbn in a worker, seeded clients and users. */
export async function createDemoApp(config: DemoConfig, overrides: DemoOverrides = {}): Promise<DemoApp> {
  const hasher = overrides.hasher ?? createArgon2Hasher()
  const users = createMemoryUserStore(
    await Promise.all(DEMO_USERS.map(async ({ password, ...user }) => ({ ...user, passwordHash: await hasher.hash(password) }))),
  )
  const store = createMemoryOtpStore()
  const estimator = createZxcvbnWorkerEstimator()
  const cooldown = config.otpResendCooldownSeconds
  const sendOtp = createSendOtp({
    store,
    sender: overrides.sender ?? createConsoleOtpSender(),
    ttlSeconds: config.otpTtlSeconds,
    resendLimits: cooldown === 0 ? false : { cooldownSeconds: cooldown, maxPerHour: 10 },
  })
  const resetPassword = createResetPassword({
    users,
    otp: createOtpVerifier({ store, maxAttempts: config.otpMaxAttempts }),
    policy: createPasswordPolicy({ minLength: 8, history: config.passwordHistory, strength: { minScore: 3, estimator } }),
    hasher,
  })

  const app = express()
  app.disable('x-powered-by')
  app.use(
    createResetkitRouter({
      sendOtp,
      resetPassword,
      clients: createMemoryClientRegistry(DEMO_CLIENTS),
      tokens: createMemoryAccessTokens(DEMO_TOKENS),
      rateLimit: config.rateLimit ? {} : false,
      // The port and cause go to stderr for the operator; the client sees only "server_error".
      onServerError: (error) => console.error(`[resetkit] ${error.code} in ${error.port}`),
    }),
  )
  app.use((_req, res) => {
    res.status(404).set('content-type', 'application/json;charset=UTF-8').end('{"error":"not_found"}')
  })
  return { app, close: () => estimator.close() }
}
