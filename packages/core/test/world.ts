// A whole resetkit on memory adapters, for tests of the use cases.
import {
  createCapturingOtpSender,
  createControllableClock,
  createMemoryOtpStore,
  createMemoryUserStore,
  createMemoryWindowBudget,
} from '@resetkit/adapters-memory'
import type { AuditOptions, Identifier, OtpStore, PasswordHasher, PasswordPolicy, UserSeed, UserStore, WindowBudget } from '../src/index.js'
import { createOtpVerifier } from '../src/otp/verifier.js'
import { createPasswordPolicy } from '../src/policy/password-policy.js'
import { createResetPassword, type ResetPasswordDeps } from '../src/reset-password.js'
import { createSendOtp } from '../src/send-otp.js'
import { createChangePassword, type ChangePasswordDeps } from '../src/change-password.js'
import { createFastTestHasher } from '@resetkit/testing'

export const ALICE: UserSeed = {
  id: 'alice',
  email: 'alice@example.com',
  phoneNumber: '+8613800000001',
  status: 'active',
  names: ['Alice Liddell'],
  passwordHash: null,
  passwordHistory: [],
}
export const FROZEN: UserSeed = { ...ALICE, id: 'frozen', email: 'frozen@example.com', phoneNumber: '+8613800000003', status: 'frozen' }

export interface WorldOptions {
  readonly history?: number
  readonly policy?: PasswordPolicy
  readonly hasher?: PasswordHasher
  readonly users?: UserStore
  readonly otpStore?: OtpStore
  readonly windows?: WindowBudget
  readonly maxAttempts?: number
  readonly reset?: Partial<ResetPasswordDeps>
  readonly change?: Partial<ChangePasswordDeps>
  /** Given to both use cases, with the world's clock. */
  readonly audit?: AuditOptions
}

/** Cheap rules only: property tests run thousands of checks and must not wait for zxcvbn. */
export const fastPolicy = (history = 5): PasswordPolicy =>
  createPasswordPolicy({ strength: false, history, refusePersonalData: false, commonPasswords: false })

export async function makeWorld(options: WorldOptions = {}) {
  const clock = createControllableClock()
  const hasher = options.hasher ?? createFastTestHasher()
  const memoryUsers = createMemoryUserStore([
    { ...ALICE, passwordHash: await hasher.hash('Initial-Passw0rd!') },
    { ...FROZEN, passwordHash: await hasher.hash('Frozen-Passw0rd!') },
  ])
  const users = options.users ?? memoryUsers
  const otpStore = options.otpStore ?? createMemoryOtpStore()
  const windows = options.windows ?? createMemoryWindowBudget()
  const sender = createCapturingOtpSender()
  const otp = createOtpVerifier({ store: otpStore, windows, clock, maxAttempts: options.maxAttempts ?? 5 })
  const policy = options.policy ?? fastPolicy(options.history ?? 5)
  const audit = options.audit === undefined ? {} : { audit: options.audit, clock }
  const sendOtp = createSendOtp({ store: otpStore, sender, clock, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false }, ...audit })
  const reset = createResetPassword({ users, otp, policy, hasher, ...audit, ...options.reset })
  // The same users, policy and hasher: the signed-in twin of the reset.
  const change = createChangePassword({ users, policy, hasher, windows, clock, ...audit, ...options.change })
  const changeWith = (oldPassword: string, newPassword: string, userId = 'alice', clientId = 'web') => change({ clientId, userId, oldPassword, newPassword })

  /** Sends a code and returns what a user would type back. */
  const requestCode = async (identifier: Identifier, clientId = 'web') => {
    const sent = await sendOtp({ clientId, usage: 'reset_password', identifier })
    if (sent.isErr()) throw new Error(`send failed: ${sent.error.code}`)
    const code = sender.lastCodeFor(identifier.value)
    if (code === undefined) throw new Error('no code captured')
    return { token: sent.value.otpToken, code }
  }

  /** A full reset: fresh code, then the reset with it. */
  const resetWith = async (password: string, identifier: Identifier = aliceEmail, clientId = 'web') => {
    const { token, code } = await requestCode(identifier, clientId)
    return reset({ clientId, password, identifier, otpToken: token, otp: code })
  }

  return { clock, hasher, memoryUsers, users, otpStore, windows, sender, otp, policy, sendOtp, reset, requestCode, resetWith, change, changeWith }
}

export const aliceEmail: Identifier = { channel: 'email', value: 'alice@example.com' }
export const alicePhone: Identifier = { channel: 'phone_number', value: '+8613800000001' }
