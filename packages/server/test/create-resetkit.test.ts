import { createResetkitRouter } from '@resetkit/adapters-express'
import { createCapturingOtpSender, createMemoryStores } from '@resetkit/adapters-memory'
import type { UserStore } from '@resetkit/core'
import { basicAuth } from '@resetkit/testing/http'
import express from 'express'
import { pino } from 'pino'
import { Writable } from 'node:stream'
import request from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { createResetkit, createLoggerAuditLog, type Resetkit, type ResetkitOptions } from '../src/index.js'

const WEB = { id: 'web', type: 'web', secret: 'web-secret' } as const
const AUTH = basicAuth(WEB.id, WEB.secret)
const ALICE = { id: 'alice', email: 'alice@example.com', phoneNumber: null, status: 'active', names: ['Alice'], passwordHash: null, passwordHistory: [] } as const

const open: Resetkit[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((resetkit) => resetkit.close()))
})

/** A pino logger whose lines land in an array. */
function capturedPino() {
  const lines: Record<string, unknown>[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>)
      done()
    },
  })
  return { logger: pino({}, destination), lines }
}

function serve(overrides: Partial<ResetkitOptions> = {}) {
  const stores = createMemoryStores({ users: [ALICE] })
  const sender = createCapturingOtpSender()
  const resetkit = createResetkit({ ...stores, clients: [WEB], sender, ...overrides })
  open.push(resetkit)
  const app = express()
  app.use(createResetkitRouter(resetkit))
  const send = () => request(app).post('/otp/send').set('authorization', AUTH).send({ usage: 'reset_password', email: ALICE.email })
  const reset = async (password: string) => {
    const sent = await send()
    const code = sender.lastCodeFor(ALICE.email) ?? ''
    return request(app).post('/reset_user_password').set('authorization', AUTH).send({ password, email: ALICE.email, email_otp_token: sent.body.otp_token as string, email_otp: code })
  }
  return { app, stores, send, reset }
}

describe('createResetkit', () => {
  it('resets with argon2id by default, and writes the audit trail through pino', async () => {
    const { logger, lines } = capturedPino()
    const { stores, reset } = serve({ logger })
    const response = await reset('Violet-Staircase-Orbit-42')
    expect([response.status, response.text]).toEqual([200, ''])
    expect(stores.users.get('alice')?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    const audit = lines.filter((line) => line['component'] === 'audit').map((line) => line['type'])
    expect(audit).toEqual(['otp_sent', 'password_reset_succeeded'])
    expect(JSON.stringify(lines)).not.toContain(ALICE.email)
  })

  it('checks strength with zxcvbn by default, and refuses common and personal passwords', async () => {
    const { reset } = serve({ rateLimit: false, otp: { resendLimits: false } })
    for (const [password, rule] of [['aaaaaaaaaaaaaaa1', 'too_weak'], ['iloveyou2', 'common_password'], ['alice-Staircase-Orbit-42', 'contains_personal_data']] as const) {
      const refused = await reset(password)
      expect([refused.status, refused.body.error]).toEqual([400, 'invalid_new_password'])
      expect((refused.body.violations as { rule: string }[]).map((violation) => violation.rule)).toContain(rule)
    }
  })

  it('limits by default: the second code for one flow within 60 s is 429', async () => {
    const { send } = serve({ rateLimit: false })
    expect((await send()).status).toBe(200)
    expect((await send()).status).toBe(429)
  })

  it('limits requests per IP by default', async () => {
    const { app } = serve()
    const statuses: number[] = []
    for (let i = 0; i < 61; i++) statuses.push((await request(app).post('/otp/send').send({})).status)
    expect(statuses.slice(0, 60).every((status) => status !== 429)).toBe(true)
    expect(statuses[60]).toBe(429)
  })

  it("logs a store's failure by class through the logger, never its message", async () => {
    const { logger, lines } = capturedPino()
    const failing = createMemoryStores({ users: [ALICE] }).users
    const users: UserStore = { ...failing, findByIdentifier: () => Promise.reject(new TypeError('connection to db host=10.0.0.5 password=hunter2 failed')) }
    const { reset } = serve({ logger, users })
    const response = await reset('Violet-Staircase-Orbit-42')
    expect([response.status, response.text]).toEqual([500, '{"error":"server_error"}'])
    const logged = lines.find((line) => line['msg'] === 'resetkit server error')
    expect(logged).toMatchObject({ level: 50, port: 'users.findByIdentifier', cause: 'TypeError' })
    expect(JSON.stringify(lines)).not.toContain('hunter2')
  })

  it('refuses to start when the limits lack a budget store, naming what to give', () => {
    const stores = createMemoryStores()
    expect(() => createResetkit({ ...stores, windows: undefined as never, clients: [], sender: createCapturingOtpSender() })).toThrow(/windows/)
  })

  it('createLoggerAuditLog takes a pino logger as it is', () => {
    const { logger, lines } = capturedPino()
    createLoggerAuditLog(logger).record({ type: 'rate_limited' } as never)
    expect(lines[0]).toMatchObject({ component: 'audit', msg: 'rate_limited' })
  })
})
