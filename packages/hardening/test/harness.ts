import { createResetkitRouter } from '@resetkit/adapters-express'
import {
  createCapturingOtpSender,
  createMemoryAccessTokens,
  createMemoryClientRegistry,
  createMemoryOtpStore,
  createMemoryUserStore,
} from '@resetkit/adapters-memory'
import {
  createOtpVerifier,
  createPasswordPolicy,
  createResetPassword,
  createSendOtp,
  type PasswordHasher,
  type ResendLimits,
  type StrengthEstimator,
} from '@resetkit/core'
import { createArgon2Hasher } from '@resetkit/core/argon2'
import { createFastTestHasher } from '@resetkit/core/testing'
import { createZxcvbnWorkerEstimator } from '@resetkit/core/zxcvbn-worker'
import { basicAuth, nodeHttpTransport, type Transport } from '@resetkit/http/testing'
import express from 'express'
import type { AddressInfo } from 'node:net'

export const WEB_AUTH = basicAuth('web', 'web-secret')
export const ALICE = 'alice@example.com'
export const STRONG = 'Violet-Staircase-Orbit-42'

/** Wraps a port, e.g. to inject faults; the name is "users", "otpStore", "hasher", … */
export type Wrap = <T extends object>(name: string, port: T) => T

export interface HarnessOptions {
  readonly hasher?: 'argon2' | 'fast'
  readonly strength?: 'worker' | 'off' | StrengthEstimator
  readonly wrap?: Wrap
  readonly resendLimits?: ResendLimits | false
  readonly maxAttempts?: number
  readonly portTimeoutMs?: number
  readonly bodyLimitBytes?: number
}

/** A resetkit on memory stores behind Express on an ephemeral port. */
export async function startHarness(options: HarnessOptions = {}) {
  const wrap: Wrap = options.wrap ?? ((_name, port) => port)
  const baseHasher: PasswordHasher = options.hasher === 'argon2' ? createArgon2Hasher() : createFastTestHasher()
  const estimator = options.strength === 'worker' ? createZxcvbnWorkerEstimator() : undefined
  const strengthEstimator = typeof options.strength === 'object' ? options.strength : estimator
  const memoryUsers = createMemoryUserStore([
    { id: 'alice', email: ALICE, phoneNumber: '+8613800000001', status: 'active', names: ['Alice'], passwordHash: await baseHasher.hash('Initial-Passw0rd!'), passwordHistory: [] },
    { id: 'frozen', email: 'frozen@example.com', phoneNumber: null, status: 'frozen', names: [], passwordHash: null, passwordHistory: [] },
  ])
  const memoryOtp = createMemoryOtpStore()
  const sender = createCapturingOtpSender()
  const otpStore = wrap('otpStore', memoryOtp)
  const app = express()
  app.use(
    createResetkitRouter({
      sendOtp: createSendOtp({ store: otpStore, sender: wrap('sender', sender), resendLimits: options.resendLimits ?? false, ...(options.portTimeoutMs === undefined ? {} : { portTimeoutMs: options.portTimeoutMs }) }),
      resetPassword: createResetPassword({
        users: wrap('users', memoryUsers),
        otp: createOtpVerifier({ store: otpStore, maxAttempts: options.maxAttempts ?? 5 }),
        policy: createPasswordPolicy({ history: 5, strength: strengthEstimator === undefined ? false : { minScore: 3, estimator: strengthEstimator } }),
        hasher: wrap('hasher', baseHasher),
        ...(options.portTimeoutMs === undefined ? {} : { portTimeoutMs: options.portTimeoutMs }),
      }),
      clients: wrap('clients', createMemoryClientRegistry([{ id: 'web', type: 'web', secret: 'web-secret' }, { id: 'spa', type: 'spa' }])),
      tokens: wrap('tokens', createMemoryAccessTokens([{ token: 'openid-token', clientId: 'spa', scopes: ['openid'] }])),
      ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
      ...(options.portTimeoutMs === undefined ? {} : { portTimeoutMs: options.portTimeoutMs }),
    }),
  )
  // As the demo does: the host answers its own unknown paths in JSON.
  app.use((_req, res) => void res.status(404).set('content-type', 'application/json;charset=UTF-8').end('{"error":"not_found"}'))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const http: Transport = nodeHttpTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)

  const post = (path: string, body: unknown, auth: string = WEB_AUTH) =>
    http({ method: 'POST', path, headers: [['content-type', 'application/json'], ['authorization', auth]], body: JSON.stringify(body) })
  const sendCode = async (email = ALICE) => {
    const response = await post('/otp/send', { usage: 'reset_password', email })
    const token = response.status === 200 ? (JSON.parse(response.body) as { otp_token: string }).otp_token : ''
    return { response, token, code: sender.lastCodeFor(email) ?? '' }
  }
  const reset = (token: string, code: string, password = STRONG, email = ALICE) =>
    post('/reset_user_password', { password, email, email_otp_token: token, email_otp: code })

  return {
    http,
    post,
    sendCode,
    reset,
    sender,
    memoryUsers,
    memoryOtp,
    hasher: baseHasher,
    close: async () => {
      await new Promise((resolve) => server.close(resolve))
      await estimator?.close()
    },
  }
}
