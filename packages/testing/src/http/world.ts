import {
  createMemoryBreachedPasswords,
  createCapturingOtpSender,
  createMemoryAccessTokens,
  createMemoryClientRegistry,
  createMemoryOtpStore,
  createMemoryUserStore,
  createMemoryWindowBudget,
} from '@resetkit/adapters-memory'
import {
  createChangePassword,
  createOtpVerifier,
  createPasswordPolicy,
  createResetPassword,
  createSendOtp,
  type AuditOptions,
  type Channel,
  type DeliveryBudgets,
  type HumanCheck,
  type PasswordHasher,
  type ResendLimits,
  type StrengthEstimator,
  type UserStore,
} from '@resetkit/core'
import { commonPasswordList } from '@resetkit/adapters-node/zxcvbn'
import { createFastTestHasher } from '../fast-hasher.js'
import type { CorsOptions, RateLimits, ResetkitHttpDeps } from '@resetkit/http'

export const WEB_CLIENT = { id: 'web:app', secret: 'web secret:%/&é' } as const
export const GOOD_PASSWORD = 'Violet-Staircase-Orbit-42'

/** Wraps a port, e.g. to inject faults; the name is "users", "otpStore", "windows", "hasher", "sender", … */
export type Wrap = <T extends object>(name: string, port: T) => T

export interface WorldOptions {
  readonly users?: (store: UserStore) => UserStore
  readonly resendCooldownSeconds?: number
  readonly resendLimits?: ResendLimits | false
  /** Default off, so cases can send many codes; `undefined` in the object means the library's defaults. */
  readonly deliveryBudgets?: DeliveryBudgets | false
  /** Default off for both channels, so a case reads its code at once; see `HttpWorld.idle`. */
  readonly knownAccountsOnly?: Partial<Record<Channel, boolean>>
  readonly humanCheck?: HumanCheck
  readonly rateLimit?: RateLimits
  readonly wrap?: Wrap
  /** Default: the fast test hasher. */
  readonly hasher?: PasswordHasher
  /** Default: no strength rule. */
  readonly strength?: StrengthEstimator
  readonly maxAttempts?: number
  /** Default 200 ms, so hanging ports fail fast in tests. */
  readonly portTimeoutMs?: number
  /** Given to the transport and both use cases. */
  readonly audit?: AuditOptions
  /** A breach corpus in memory (port name "breachedPasswords"); default none. */
  /** Given to the transport. */
  readonly cors?: CorsOptions
  readonly breachedPasswords?: { readonly corpus: readonly string[]; readonly whenUnavailable?: 'allow' | 'refuse' }
}

/** Everything a transport needs, on memory adapters, plus the captured codes. */
export interface HttpWorld {
  readonly deps: ResetkitHttpDeps
  readonly sender: ReturnType<typeof createCapturingOtpSender>
  readonly memoryUsers: ReturnType<typeof createMemoryUserStore>
  readonly memoryOtp: ReturnType<typeof createMemoryOtpStore>
  readonly hasher: PasswordHasher
  /** Settles once deliveries off the request path (known-accounts-only mode) are done. */
  readonly idle: () => Promise<void>
}

export async function makeHttpWorld(options: WorldOptions = {}): Promise<HttpWorld> {
  const wrap: Wrap = options.wrap ?? ((_name, port) => port)
  const hasher = options.hasher ?? createFastTestHasher()
  const memoryUsers = createMemoryUserStore([
    { id: 'alice', email: 'alice@example.com', phoneNumber: '+8613800000001', status: 'active', names: [], passwordHash: await hasher.hash('Initial-Passw0rd!'), passwordHistory: [] },
    { id: 'frozen', email: 'frozen@example.com', phoneNumber: '+8613800000003', status: 'frozen', names: [], passwordHash: await hasher.hash('Frozen-Passw0rd!'), passwordHistory: [] },
  ])
  const users = wrap('users', options.users?.(memoryUsers) ?? memoryUsers)
  const memoryOtp = createMemoryOtpStore()
  const store = wrap('otpStore', memoryOtp)
  const windows = wrap('windows', createMemoryWindowBudget())
  const sender = createCapturingOtpSender()
  const cooldown = options.resendCooldownSeconds ?? 0
  const resendLimits = options.resendLimits ?? (cooldown === 0 ? false : { cooldownSeconds: cooldown })
  const portTimeoutMs = options.portTimeoutMs ?? 200
  const audit = options.audit === undefined ? {} : { audit: options.audit }
  const sendOtp = createSendOtp({
    store,
    windows,
    sender: wrap('sender', sender),
    users,
    resendLimits,
    deliveryBudgets: options.deliveryBudgets ?? false,
    knownAccountsOnly: options.knownAccountsOnly ?? { email: false, phone_number: false },
    ...(options.humanCheck === undefined ? {} : { humanCheck: wrap('humanCheck', options.humanCheck) }),
    // Retries at once: a case waits for idle(), not for the production back-off.
    background: { retryDelaysMs: [0, 0] },
    portTimeoutMs,
    ...audit,
  })
  // Loaded before the world is handed out: the list loads in a thread of its own, and a first
  // check still waiting for it could outlast a port timeout as short as a case's (50 ms).
  const commonPasswords = await commonPasswordList()
  const policy = createPasswordPolicy({
    strength: options.strength === undefined ? false : { minScore: 3, estimator: options.strength },
    commonPasswords: { list: commonPasswords },
    history: 3,
  })
  const deps: ResetkitHttpDeps = {
    sendOtp,
    // The same users, policy and hasher as the reset: the contract's change cases rely on it.
    changePassword: createChangePassword({ users, policy, hasher: wrap('hasher', hasher), windows, portTimeoutMs }),
    resetPassword: createResetPassword({
      users,
      otp: createOtpVerifier({ store, windows, maxAttempts: options.maxAttempts ?? 5 }),
      policy,
      hasher: wrap('hasher', hasher),
      portTimeoutMs,
      ...audit,
      ...(options.breachedPasswords === undefined
        ? {}
        : {
            breachedPasswords: {
              checker: wrap('breachedPasswords', createMemoryBreachedPasswords(options.breachedPasswords.corpus)),
              whenUnavailable: options.breachedPasswords.whenUnavailable ?? 'allow',
            },
          }),
    }),
    clients: wrap('clients', createMemoryClientRegistry([
      { id: WEB_CLIENT.id, type: 'web', secret: WEB_CLIENT.secret },
      { id: 'spa', type: 'spa' },
      { id: 'native', type: 'native' },
    ])),
    tokens: wrap('tokens', createMemoryAccessTokens([
      { token: 'openid-token', clientId: 'spa', scopes: ['openid', 'profile'], subject: 'alice', sessionId: 'alice-here' },
      { token: 'profile-token', clientId: 'spa', scopes: ['profile'], subject: 'alice' },
      // For the change cases: a frozen user, a subject with no account, a token naming no user.
      { token: 'frozen-token', clientId: 'spa', scopes: ['openid'], subject: 'frozen' },
      { token: 'ghost-token', clientId: 'spa', scopes: ['openid'], subject: 'ghost' },
      { token: 'machine-token', clientId: 'native', scopes: ['openid'] },
    ])),
    portTimeoutMs,
    ...audit,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    ...(options.cors === undefined ? {} : { cors: options.cors }),
  }
  return { deps, sender, memoryUsers, memoryOtp, hasher, idle: () => sendOtp.idle() }
}
