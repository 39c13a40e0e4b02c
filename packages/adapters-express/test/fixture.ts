import {
  createCapturingOtpSender,
  createMemoryAccessTokens,
  createMemoryClientRegistry,
  createMemoryOtpStore,
  createMemoryUserStore,
} from '@resetkit/adapters-memory'
import { createOtpVerifier, createPasswordPolicy, createResetPassword, createSendOtp, type UserStore } from '@resetkit/core'
import { createFastTestHasher } from '@resetkit/core/testing'
import express, { type Express } from 'express'
import request from 'supertest'
import { createResetkitRouter, resetkitErrorHandler, type ResetkitRouterOptions } from '../src/index.js'

export const WEB_SECRET = 'web secret:%/&é'
export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`
export const WEB_AUTH = basic('web:app', WEB_SECRET)

export interface FixtureOptions {
  readonly users?: (store: UserStore) => UserStore
  readonly router?: Partial<ResetkitRouterOptions>
  readonly hostJsonParser?: boolean
  readonly resendCooldownSeconds?: number
  /** The host framework: Express 5 unless told otherwise (e.g. an Express 4 factory). */
  readonly host?: () => Express
}

export async function makeApp(options: FixtureOptions = {}) {
  const hasher = createFastTestHasher()
  const memoryUsers = createMemoryUserStore([
    { id: 'alice', email: 'alice@example.com', phoneNumber: '+8613800000001', status: 'active', names: [], passwordHash: await hasher.hash('Initial-Passw0rd!'), passwordHistory: [] },
    { id: 'frozen', email: 'frozen@example.com', phoneNumber: '+8613800000003', status: 'frozen', names: [], passwordHash: await hasher.hash('Frozen-Passw0rd!'), passwordHistory: [] },
  ])
  const users = options.users?.(memoryUsers) ?? memoryUsers
  const store = createMemoryOtpStore()
  const sender = createCapturingOtpSender()
  const cooldown = options.resendCooldownSeconds ?? 0
  const sendOtp = createSendOtp({ store, sender, resendLimits: cooldown === 0 ? false : { cooldownSeconds: cooldown } })
  const resetPassword = createResetPassword({
    users,
    otp: createOtpVerifier({ store }),
    policy: createPasswordPolicy({ strength: false, history: 3 }),
    hasher,
    portTimeoutMs: 200,
  })
  const app: Express = (options.host ?? express)()
  if (options.hostJsonParser === true) app.use(express.json())
  app.use(
    createResetkitRouter({
      sendOtp,
      resetPassword,
      clients: createMemoryClientRegistry([
        { id: 'web:app', type: 'web', secret: WEB_SECRET },
        { id: 'spa', type: 'spa' },
        { id: 'native', type: 'native' },
      ]),
      tokens: createMemoryAccessTokens([
        { token: 'openid-token', clientId: 'spa', scopes: ['openid', 'profile'] },
        { token: 'profile-token', clientId: 'spa', scopes: ['profile'] },
      ]),
      ...options.router,
    }),
  )
  if (options.hostJsonParser === true) app.use(resetkitErrorHandler())
  const agent = request(app)

  /** POST /otp/send then read the code: what a user would type in. */
  const sendCode = async (identifier: Record<string, string> = { email: 'alice@example.com' }, auth = WEB_AUTH) => {
    const response = await agent.post('/otp/send').set('authorization', auth).send({ usage: 'reset_password', ...identifier })
    const to = Object.values(identifier)[0] ?? ''
    const normalised = to.startsWith('+') || to.includes('@') ? to.toLowerCase() : `+86${to}`
    return { token: response.body.otp_token as string, code: sender.lastCodeFor(normalised) ?? '', response }
  }

  const reset = (body: Record<string, unknown>, auth: string | null = WEB_AUTH) => {
    const req = agent.post('/reset_user_password')
    return auth === null ? req.send(body) : req.set('authorization', auth).send(body)
  }

  return { app, agent, sender, memoryUsers, sendCode, reset }
}

export const GOOD_PASSWORD = 'Violet-Staircase-Orbit-42'
