import { createCapturingOtpSender } from '@resetkit/adapters-memory'
import { createMemoryRateLimiter } from '@resetkit/http'
import { Writable } from 'node:stream'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoApp, type DemoApp } from '../src/app.js'
import { readConfig } from '../src/config.js'

const webAuth = `Basic ${Buffer.from(`demo-web:${encodeURIComponent('demo-web-secret:%/&')}`).toString('base64')}`
let demo: DemoApp

beforeAll(async () => {
  // Every switch off, as the benchmark's config has them: the override must turn each limit back on.
  const config = readConfig({ RATE_LIMIT: 'off', DELIVERY_BUDGETS: 'off', OTP_RESEND_COOLDOWN_SECONDS: '0', BREACHED_PASSWORDS: 'off' })
  demo = await createDemoApp(config, {
    sender: createCapturingOtpSender(),
    logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    limits: {
      rateLimit: { perIp: createMemoryRateLimiter({ limit: 4, windowSeconds: 60 }) },
      resendLimits: { cooldownSeconds: 60 },
      deliveryBudgets: { perClientPerDay: { email: 2 } },
    },
  })
})
afterAll(async () => {
  await demo.close()
})

const send = (email: string) => request(demo.app).post('/otp/send').set('authorization', webAuth).send({ usage: 'reset_password', email })

describe('the demo’s limits override', () => {
  it('puts the resend window, the delivery budget and the per-IP rate limit on with its thresholds, whatever the config switched off', async () => {
    expect((await send('alice@example.com')).status).toBe(200)
    expect((await send('alice@example.com')).body).toMatchObject({ error: 'too_many_requests' })
    expect((await send('bob@example.com')).status).toBe(200)
    expect((await send('frozen@example.com')).body).toMatchObject({ error: 'insufficient_email_quota' })
    const fifth = await send('bob@example.com')
    expect([fifth.status, fifth.body.error]).toEqual([429, 'too_many_requests'])
    expect(fifth.headers['retry-after']).toBeDefined()
  })
})
