import { DeliveryFailedError, isPortUnavailable } from '@resetkit/core'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { describeOtpSenderContract, everythingShownOf } from '@resetkit/testing'
import { createEmailDelivery, type EmailDeliveryOptions } from '../src/index.js'
import { startLocalSmtp, type LocalSmtp } from '../src/testing/index.js'

let smtp: LocalSmtp
const open: { close(): void }[] = []
beforeAll(async () => {
  smtp = await startLocalSmtp()
})
afterAll(async () => {
  for (const delivery of open) delivery.close()
  await smtp.close()
})
beforeEach(() => {
  smtp.behave('accept')
  smtp.received.length = 0
})

const NOW = Date.UTC(2026, 11, 2, 8, 30)
function delivery(options: Partial<EmailDeliveryOptions> = {}) {
  const made = createEmailDelivery({ smtp: smtp.url, from: 'Acme <no-reply@acme.example>', appName: 'Acme', now: () => NOW, sendTimeoutMs: 1500, ...options })
  open.push(made)
  return made
}
const code = (overrides: { to?: string; code?: string; locale?: string } = {}) => ({
  channel: 'email' as const,
  to: overrides.to ?? 'alice@example.com',
  code: overrides.code ?? '482913',
  usage: 'reset_password' as const,
  expiresAt: NOW + 5 * 60_000,
  ...(overrides.locale === undefined ? {} : { locale: overrides.locale }),
})

describe('email delivery over nodemailer, against smtp-server', () => {
  it('sends the code in English: subject, sender, recipient, lifetime, what to do if not asked; text and HTML (the sender is never given the token)', async () => {
    await delivery().sender.send(code())
    const [mail] = smtp.received
    expect(mail?.subject).toBe('Your Acme code to reset your password')
    expect(mail?.from?.value[0]).toMatchObject({ name: 'Acme', address: 'no-reply@acme.example' })
    expect(mail?.to).toMatchObject({ text: 'alice@example.com' })
    expect(mail?.text).toContain('is 482913.')
    expect(mail?.text).toContain('expires in 5 minutes')
    expect(mail?.text).toContain('If you did not ask for this code')
    expect(mail?.html).toContain('482913')
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated')
    expect(mail?.headers.get('content-language')).toBe('en')
  })

  it('writes Simplified Chinese when the request asks for zh, and a per-user choice wins over the request', async () => {
    await delivery().sender.send(code({ locale: 'zh-CN' }))
    expect(smtp.received[0]?.subject).toBe('Acme重置密码验证码')
    expect(smtp.received[0]?.text).toContain('验证码为 482913')
    expect(smtp.received[0]?.text).toContain('5 分钟内有效')
    expect(smtp.received[0]?.headers.get('content-language')).toBe('zh-CN')
    await delivery({ localeOf: ({ to }) => (to === 'alice@example.com' ? 'en' : undefined) }).sender.send(code({ locale: 'zh-CN' }))
    expect(smtp.received[1]?.headers.get('content-language')).toBe('en')
  })

  it('tells the user their password changed, in either language, with the time and no secret', async () => {
    const email = delivery({ localeOf: ({ to }) => (to.endsWith('.cn') ? 'zh-CN' : undefined) })
    await email.notifier.notify({ event: 'password_changed', userId: 'u1', channel: 'email', to: 'bob@example.com', at: NOW })
    await email.notifier.notify({ event: 'password_changed', userId: 'u2', channel: 'email', to: 'li@example.cn', at: NOW })
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['Your Acme password was changed', '您的Acme密码已修改'])
    expect(smtp.received[0]?.text).toContain('2026-12-02 08:30 UTC')
    expect(smtp.received[1]?.text).toContain('2026-12-02 08:30 UTC 修改')
  })

  it('escapes what it interpolates into HTML, and keeps newlines out of the subject', async () => {
    await delivery({ appName: '<img src=x onerror=alert(1)>\nBcc: evil@example.com' }).sender.send(code())
    const [mail] = smtp.received
    expect(mail?.html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(mail?.html).not.toContain('<img')
    expect(mail?.subject).not.toContain('\n')
    expect(mail?.bcc).toBeUndefined()
  })

  it('refuses to send to a phone number', async () => {
    await expect(delivery().sender.send({ ...code(), channel: 'phone_number', to: '+8613800000001' })).rejects.toThrow(TypeError)
  })

  it.each([
    ['an unknown mailbox (550 5.1.1)', 'unknown-mailbox', (error: unknown) => error instanceof DeliveryFailedError && error.reason === 'recipient_refused'],
    ['a spent sending quota (5.4.5)', 'quota', (error: unknown) => error instanceof DeliveryFailedError && error.reason === 'quota_exhausted'],
    ['a temporary refusal (451)', 'try-later', isPortUnavailable],
    ['a server that hangs past the timeout', 'hang', isPortUnavailable],
    ['a server that closes the connection mid-message', 'drop', isPortUnavailable],
  ] as const)('%s is a typed failure, in bounded time', async (_name, behaviour, expected) => {
    smtp.behave(behaviour)
    const started = Date.now()
    const error = await delivery().sender.send(code()).then(() => undefined, (failure: unknown) => failure)
    expect(expected(error)).toBe(true)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('no failure carries the code or the recipient: not in its message, its cause, or anything inspect shows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('unknown-mailbox', 'quota', 'try-later', 'drop') as fc.Arbitrary<'unknown-mailbox' | 'quota' | 'try-later' | 'drop'>,
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^[a-z]{12}$/), // long enough never to occur in a stack trace by chance
        async (behaviour, secretCode, local) => {
          smtp.behave(behaviour)
          const to = `${local}@example.com`
          const error = await delivery().sender.send(code({ to, code: secretCode })).then(() => undefined, (failure: unknown) => failure)
          const shown = everythingShownOf(error)
          expect(shown).not.toContain(secretCode)
          expect(shown).not.toContain(local)
        },
      ),
      { numRuns: 20 },
    )
  })
})

describeOtpSenderContract({
  name: 'nodemailer over SMTP',
  channel: 'email',
  recipients: Array.from({ length: 10 }, (_, i) => `user${i}@example.com`),
  make: () => {
    smtp.received.length = 0
    return {
      sender: delivery({ now: Date.now }).sender,
      delivered: async () => smtp.received.map((mail) => ({ to: (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text ?? '', text: `${mail.subject ?? ''}\n${mail.text ?? ''}` })),
    }
  },
})
