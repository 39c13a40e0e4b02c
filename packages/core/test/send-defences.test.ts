import {
  createCapturingAuditLog,
  createCapturingOtpSender,
  createControllableClock,
  createMemoryOtpStore,
  createMemoryUserStore,
  createMemoryWindowBudget,
} from '@resetkit/adapters-memory'
import { describe, expect, it } from 'vitest'
import { createOtpVerifier, createSendOtp, PortUnavailableError, type HumanCheck, type Identifier, type OtpSender, type SendOtpDeps, type UserSeed } from '../src/index.js'

const PSEUDONYM_KEY = 'k'.repeat(32)
const seeds: UserSeed[] = [
  { id: 'alice', email: 'alice@example.com', phoneNumber: '+8613800000001', status: 'active', names: [], passwordHash: null, passwordHistory: [] },
  { id: 'frozen', email: 'frozen@example.com', phoneNumber: '+8613800000003', status: 'frozen', names: [], passwordHash: null, passwordHistory: [] },
]
const phone = (value: string): Identifier => ({ channel: 'phone_number', value })
const send = (identifier: Identifier, extra: object = {}) => ({ clientId: 'web', usage: 'reset_password' as const, identifier, ...extra })

function setup(overrides: Partial<SendOtpDeps> = {}) {
  const store = createMemoryOtpStore()
  const windows = createMemoryWindowBudget()
  const sender = createCapturingOtpSender()
  const log = createCapturingAuditLog()
  const clock = createControllableClock()
  const users = createMemoryUserStore(seeds)
  const sendOtp = createSendOtp({ store, windows, sender, clock, users, background: { retryDelaysMs: [0, 0] }, audit: { log, pseudonymKey: PSEUDONYM_KEY }, ...overrides })
  const verifier = createOtpVerifier({ store, windows, clock })
  return { store, sender, log, clock, sendOtp, verifier }
}

describe('the SMS recipient policy', () => {
  it.each([
    ['a Beijing fixed line', '+861012345678', 'not_mobile'],
    ['a UK premium-rate number', '+449090901234', 'not_mobile'],
    ['a UK mobile, outside the default region', '+447911123456', 'region_not_allowed'],
    ['a US number', '+14155552671', 'region_not_allowed'],
  ])('%s gets no SMS: malformed_phone_number, audited as %s, nothing sent', async (_name, number, reason) => {
    const { sendOtp, sender, log } = setup()
    expect((await sendOtp(send(phone(number))))._unsafeUnwrapErr().code).toBe('malformed_phone_number')
    await sendOtp.idle()
    expect(sender.deliveries).toEqual([])
    expect(log.ofType('otp_send_refused')).toEqual([expect.objectContaining({ reason })])
  })

  it('regions are ISO regions, not calling codes: allowing the US does not allow Jamaica (+1 876)', async () => {
    const { sendOtp, log } = setup({ smsRegions: ['US'], knownAccountsOnly: { phone_number: false } })
    expect((await sendOtp(send(phone('+14155552671')))).isOk()).toBe(true)
    expect((await sendOtp(send(phone('+18762101234'))))._unsafeUnwrapErr().code).toBe('malformed_phone_number')
    expect(log.ofType('otp_send_refused').map((event) => event.reason)).toEqual(['region_not_allowed'])
  })

  it('email is not touched by it', async () => {
    const { sendOtp } = setup({ smsRegions: ['GB'] })
    expect((await sendOtp(send({ channel: 'email', value: 'alice@example.com' }))).isOk()).toBe(true)
  })
})

describe('the human check', () => {
  const answering = (first: boolean | Error): HumanCheck & { seen: unknown[]; answer: boolean | Error } => {
    const check = {
      seen: [] as unknown[],
      answer: first,
      verify: async (request: unknown) => {
        check.seen.push(request)
        if (check.answer instanceof Error) throw check.answer
        return check.answer
      },
    }
    return check
  }
  const email = { channel: 'email', value: 'alice@example.com' } as const

  it('is asked with the token, client and IP before a send; a yes sends', async () => {
    const check = answering(true)
    const { sendOtp, sender } = setup({ humanCheck: check })
    expect((await sendOtp(send(email, { humanCheckToken: 'tok', source: { ip: '203.0.113.9', network: 'ip:203.0.113.0/24' } }))).isOk()).toBe(true)
    expect(check.seen).toEqual([{ token: 'tok', clientId: 'web', remoteIp: '203.0.113.9' }])
    expect(sender.deliveries).toHaveLength(1)
  })

  it.each([
    ['no token', answering(true), undefined, 'human_check_failed'],
    ['a no', answering(false), 'tok', 'human_check_failed'],
    ['a check that throws (fail-closed)', answering(new Error('siteverify down')), 'tok', 'server_error'],
    ['a check that is unreachable (fail-closed)', answering(new PortUnavailableError('siteverify')), 'tok', 'temporarily_unavailable'],
  ])('%s refuses the send, sends nothing and spends no window', async (_name, check, token, code) => {
    const { sendOtp, sender, log } = setup({ humanCheck: check, resendLimits: { cooldownSeconds: 60 } })
    expect((await sendOtp(send(email, token === undefined ? {} : { humanCheckToken: token })))._unsafeUnwrapErr().code).toBe(code)
    expect(sender.deliveries).toEqual([])
    expect(log.ofType('otp_send_refused').map((event) => event.reason)).toEqual([code])
    // The refused send took nothing from the cooldown: a human's next request goes through at once.
    check.answer = true
    expect((await sendOtp(send(email, { humanCheckToken: 'tok' }))).isOk()).toBe(true)
  })
})

describe('known accounts only (SMS by default)', () => {
  // Codes from bytes of 7 (777777), so a test knows the code a user would have got; tokens random.
  const sevens = { bytes: (n: number) => (n === 32 ? crypto.getRandomValues(new Uint8Array(n)) : new Uint8Array(n).fill(7)) }

  it('an active account gets its code after the answer; unknown and frozen identifiers get the same answer and nothing', async () => {
    const { sendOtp, sender, log } = setup()
    const answers = []
    for (const number of ['+8613800000001', '+8613900000009', '+8613800000003']) answers.push((await sendOtp(send(phone(number))))._unsafeUnwrap())
    expect(answers.map((answer) => Object.keys(answer))).toEqual([['otpToken', 'expiresAt'], ['otpToken', 'expiresAt'], ['otpToken', 'expiresAt']])
    await sendOtp.idle()
    expect(sender.deliveries.map((delivery) => delivery.to)).toEqual(['+8613800000001'])
    expect(log.ofType('otp_sent')).toHaveLength(1)
    expect(log.ofType('otp_delivery_skipped').map((event) => event.reason)).toEqual(['no_account', 'inactive_account'])
  })

  it('the token of an unknown identifier never verifies, not even with the code an account would have got', async () => {
    const { sendOtp, verifier, sender } = setup({ random: sevens })
    const known = (await sendOtp(send(phone('+8613800000001'))))._unsafeUnwrap()
    const unknown = (await sendOtp(send(phone('+8613900000009'))))._unsafeUnwrap()
    await sendOtp.idle()
    expect(sender.deliveries[0]?.code).toBe('777777')
    const attempt = (identifier: Identifier, token: string) => ({ clientId: 'web', usage: 'reset_password' as const, identifier, token, code: '777777' })
    expect(await verifier.verify(attempt(phone('+8613900000009'), unknown.otpToken))).toMatchObject({ outcome: 'bad_code' })
    expect(await verifier.verify(attempt(phone('+8613800000001'), known.otpToken))).toEqual({ outcome: 'valid' })
  })

  it('a delivery that gets no answer is retried, then audited as failed; a provider’s refusal is not retried', async () => {
    let calls = 0
    const flaky: OtpSender = {
      send: async () => {
        calls++
        if (calls < 3) throw new PortUnavailableError('sms')
      },
    }
    const retried = setup({ sender: flaky })
    expect((await retried.sendOtp(send(phone('+8613800000001')))).isOk()).toBe(true)
    await retried.sendOtp.idle()
    expect(calls).toBe(3)
    expect(retried.log.ofType('otp_sent')).toHaveLength(1)

    const down = setup({ sender: { send: () => Promise.reject(new PortUnavailableError('sms')) } })
    expect((await down.sendOtp(send(phone('+8613800000001')))).isOk()).toBe(true)
    await down.sendOtp.idle()
    expect(down.log.ofType('otp_delivery_failed')).toEqual([expect.objectContaining({ port: 'otp.send', attempts: 3, reason: 'temporarily_unavailable' })])

    const { DeliveryFailedError } = await import('../src/index.js')
    let refusals = 0
    const quota = setup({ sender: { send: () => Promise.reject(new DeliveryFailedError('quota_exhausted', { cause: ++refusals })) } })
    await quota.sendOtp(send(phone('+8613800000001')))
    await quota.sendOtp.idle()
    expect(quota.log.ofType('otp_delivery_failed')).toEqual([expect.objectContaining({ attempts: 1, reason: 'insufficient_sms_quota' })])
  })

  it('a store that fails off the request path is audited; the answer was already the usual one', async () => {
    const store = createMemoryOtpStore()
    const { sendOtp, log, sender } = setup({ store: { ...store, issue: () => Promise.reject(new Error('disk full')) } })
    expect((await sendOtp(send(phone('+8613800000001')))).isOk()).toBe(true)
    await sendOtp.idle()
    expect(sender.deliveries).toEqual([])
    expect(log.ofType('otp_delivery_failed')).toEqual([expect.objectContaining({ port: 'otp.issue', attempts: 3, reason: 'server_error' })])
  })

  it('a full queue answers temporarily_unavailable for any identifier, and memory stays bounded', async () => {
    let release: () => void = () => {}
    const blocked = new Promise<void>((resolve) => (release = resolve))
    const { sendOtp } = setup({ sender: { send: () => blocked }, background: { concurrency: 1, maxQueued: 1, retryDelaysMs: [] }, resendLimits: false, deliveryBudgets: false })
    const outcomes = []
    for (const number of ['+8613800000001', '+8613900000009', '+8613900000008', '+8613800000001']) outcomes.push((await sendOtp(send(phone(number)))).isOk() || (await sendOtp(send(phone(number))))._unsafeUnwrapErr().code)
    expect(outcomes.slice(0, 2)).toEqual([true, true])
    expect(outcomes.slice(2)).toEqual(['temporarily_unavailable', 'temporarily_unavailable'])
    release()
    await sendOtp.idle()
  })

  it('sign-up codes are exempt (they are for identifiers without an account); email is not known-only unless asked', async () => {
    const { sendOtp, sender } = setup({ knownAccountsOnly: { email: true } })
    await sendOtp({ clientId: 'web', usage: 'signup', identifier: phone('+8613900000009') })
    await sendOtp(send({ channel: 'email', value: 'nobody@example.com' }))
    await sendOtp(send({ channel: 'email', value: 'alice@example.com' }))
    await sendOtp.idle()
    expect(sender.deliveries.map((delivery) => delivery.to)).toEqual(['+8613900000009', 'alice@example.com'])
  })
})
