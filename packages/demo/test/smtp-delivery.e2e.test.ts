import { startLocalSmtp, type LocalSmtp } from '@resetkit/adapters-nodemailer/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnDemo, type SpawnedDemo } from './spawn-demo.js'

describe('the demo with DELIVERY=smtp', () => {
  let smtp: LocalSmtp
  let demo: SpawnedDemo
  beforeAll(async () => {
    smtp = await startLocalSmtp()
    demo = await spawnDemo({ DELIVERY: 'smtp', SMTP_URL: smtp.url, RATE_LIMIT: 'off', BREACHED_PASSWORDS: 'off' })
  }, 60_000)
  afterAll(async () => {
    await demo?.stop()
    await smtp?.close()
  })

  it('emails the code (nothing printed), resets with it, and emails the notice', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Basic ${btoa('demo-web:demo-web-secret%3A%25%2F%26')}`, 'accept-language': 'zh-CN,zh;q=0.9' }
    const sent = await fetch(`${demo.url}/otp/send`, { method: 'POST', headers, body: JSON.stringify({ usage: 'reset_password', email: 'alice@example.com' }) })
    expect(sent.status).toBe(200)
    const { otp_token: token } = (await sent.json()) as { otp_token: string }
    const mail = smtp.received[0]
    const code = /验证码为 (\d{6})/.exec(mail?.text ?? '')?.[1] ?? ''
    expect(code).toMatch(/^\d{6}$/)
    expect(demo.output()).not.toContain('[dev-otp] to=alice@example.com')
    expect(demo.output()).not.toContain(code)
    const reset = await fetch(`${demo.url}/reset_user_password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ password: 'Granite-Orchard-Lantern-61', email: 'alice@example.com', email_otp_token: token, email_otp: code }),
    })
    expect([reset.status, await reset.text()]).toEqual([200, ''])
    for (let i = 0; i < 100 && smtp.received.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(smtp.received[1]?.subject).toBe('Your resetkit demo password was changed')
  })
})
