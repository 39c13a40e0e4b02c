import {
  createCapturingOtpSender,
  createMemoryAccessTokens,
  createMemoryClientRegistry,
  createMemoryOtpStore,
  createMemoryUserStore,
} from '@resetkit/adapters-memory'
import { createOtpVerifier, createPasswordPolicy, createResetPassword, createSendOtp, type UserStore } from '@resetkit/core'
import { createFastTestHasher } from '@resetkit/core/testing'
import type { ResetkitHttpDeps } from '../handler.js'
import type { RateLimits } from '../rate-limit.js'

export const WEB_CLIENT = { id: 'web:app', secret: 'web secret:%/&é' } as const
export const GOOD_PASSWORD = 'Violet-Staircase-Orbit-42'

export interface WorldOptions {
  readonly users?: (store: UserStore) => UserStore
  readonly resendCooldownSeconds?: number
  readonly rateLimit?: RateLimits
}

/** Everything a transport needs, on memory adapters, plus the captured codes. */
export async function makeHttpWorld(options: WorldOptions = {}) {
  const hasher = createFastTestHasher()
  const memoryUsers = createMemoryUserStore([
    { id: 'alice', email: 'alice@example.com', phoneNumber: '+8613800000001', status: 'active', names: [], passwordHash: await hasher.hash('Initial-Passw0rd!'), passwordHistory: [] },
    { id: 'frozen', email: 'frozen@example.com', phoneNumber: '+8613800000003', status: 'frozen', names: [], passwordHash: await hasher.hash('Frozen-Passw0rd!'), passwordHistory: [] },
  ])
  const users = options.users?.(memoryUsers) ?? memoryUsers
  const store = createMemoryOtpStore()
  const sender = createCapturingOtpSender()
  const cooldown = options.resendCooldownSeconds ?? 0
  const deps: ResetkitHttpDeps = {
    sendOtp: createSendOtp({ store, sender, resendLimits: cooldown === 0 ? false : { cooldownSeconds: cooldown } }),
    resetPassword: createResetPassword({
      users,
      otp: createOtpVerifier({ store }),
      policy: createPasswordPolicy({ strength: false, history: 3 }),
      hasher,
      portTimeoutMs: 200,
    }),
    clients: createMemoryClientRegistry([
      { id: WEB_CLIENT.id, type: 'web', secret: WEB_CLIENT.secret },
      { id: 'spa', type: 'spa' },
      { id: 'native', type: 'native' },
    ]),
    tokens: createMemoryAccessTokens([
      { token: 'openid-token', clientId: 'spa', scopes: ['openid', 'profile'] },
      { token: 'profile-token', clientId: 'spa', scopes: ['profile'] },
    ]),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  }
  return { deps, sender, memoryUsers }
}
