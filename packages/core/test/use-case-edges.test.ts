import { createCapturingAuditLog, createCapturingOtpSender, createMemoryOtpStore, createMemoryUserStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { createFastTestHasher } from '@resetkit/testing'
import { describe, expect, it } from 'vitest'
import { createPasswordPolicy, createSendOtp, type OtpDelivery, type UserStore } from '../src/index.js'
import { ALICE, aliceEmail, makeWorld } from './world.js'

describe('a reset that loses its commit to another reset', () => {
  it('is judged again against the history the winner left: the winner’s password is now recurrent', async () => {
    const hasher = createFastTestHasher()
    const memory = createMemoryUserStore([{ ...ALICE, passwordHash: await hasher.hash('Initial-Passw0rd!') }])
    let raced = false
    const users: UserStore = {
      findById: (id) => memory.findById(id),
      findByIdentifier: (identifier) => memory.findByIdentifier(identifier),
      async changePassword(change) {
        if (!raced) {
          raced = true
          // The other reset set this very password a moment earlier.
          const alice = await memory.findById('alice')
          if (alice === null) throw new Error('no alice')
          await memory.changePassword({ userId: 'alice', expectedVersion: alice.version, newHash: await hasher.hash('Violet-Staircase-Orbit-42'), historyLimit: 4 })
          const next = await memory.findById('alice')
          if (next === null) throw new Error('no alice')
          await memory.changePassword({ userId: 'alice', expectedVersion: next.version, newHash: await hasher.hash('Yet-Another-Passw0rd-7'), historyLimit: 4 })
        }
        return memory.changePassword(change)
      },
    }
    const world = await makeWorld({ hasher, users })
    expect((await world.resetWith('Violet-Staircase-Orbit-42', aliceEmail))._unsafeUnwrapErr().code).toBe('recurrent_password')
    expect(await hasher.verify((await memory.findById('alice'))?.passwordHash ?? '', 'Yet-Another-Passw0rd-7')).toBe(true)
  })
})

describe('the sender is told the language when the requester named one', () => {
  it('with a locale, and without one when none was named', async () => {
    const deliveries: OtpDelivery[] = []
    const capture = createCapturingOtpSender()
    const sendOtp = createSendOtp({
      store: createMemoryOtpStore(),
      sender: { send: async (delivery) => void (deliveries.push(delivery), await capture.send(delivery)) },
      resendLimits: false,
      deliveryBudgets: false,
      knownAccountsOnly: { email: false, phone_number: false },
    })
    await sendOtp({ clientId: 'web', usage: 'login', identifier: aliceEmail, locale: 'zh-CN' })
    await sendOtp({ clientId: 'web', usage: 'login', identifier: aliceEmail })
    expect(deliveries.map((delivery) => delivery.locale)).toEqual(['zh-CN', undefined])
    expect(deliveries[1]).not.toHaveProperty('locale')
  })
})

describe('policy options', () => {
  it.each([
    [{ minLength: 0 }, 'minLength must be a whole number from 1 to 1024, got 0'],
    [{ maxLength: 63 }, 'maxLength must be a whole number from 64 to 1024, got 63'],
    [{ minLength: 100, maxLength: 80 }, 'maxLength must be a whole number from 100 to 1024, got 80'],
    [{ history: 101 }, 'history must be a whole number from 0 to 100, got 101'],
    [{ requiredCharacterClasses: 5 }, 'requiredCharacterClasses must be a whole number from 1 to 4, got 5'],
    [{ history: 2.5 }, 'history must be a whole number from 0 to 100, got 2.5'],
  ])('%o → %s', (options, message) => {
    expect(() => createPasswordPolicy({ strength: false, commonPasswords: false, ...options })).toThrow(new TypeError(message))
  })
})

describe('a send whose port fails', () => {
  it.each(['humanCheck.verify', 'windows.reserve', 'otp.issue', 'otp.send'])('%s: the error names that port', async (failing) => {
    const fail = (name: string) => (name === failing ? Promise.reject(new Error(`${name} bug`)) : undefined)
    const store = createMemoryOtpStore()
    const windows = createMemoryWindowBudget()
    const sendOtp = createSendOtp({
      store: { ...store, issue: (record) => fail('otp.issue') ?? store.issue(record), findByTokenId: (id) => store.findByTokenId(id) } as typeof store,
      windows: { reserve: (r) => fail('windows.reserve') ?? windows.reserve(r), release: (k, id) => windows.release(k, id) },
      sender: { send: async () => fail('otp.send') },
      humanCheck: { verify: async () => (await fail('humanCheck.verify')) ?? true },
      knownAccountsOnly: { email: false, phone_number: false },
    })
    const error = (await sendOtp({ clientId: 'web', usage: 'login', identifier: aliceEmail, humanCheckToken: 'token' }))._unsafeUnwrapErr()
    expect(error).toMatchObject({ port: failing })
  })

  it('an empty human-check token is a missing one, asked of nobody', async () => {
    let asked = 0
    const sendOtp = createSendOtp({
      store: createMemoryOtpStore(),
      sender: createCapturingOtpSender(),
      resendLimits: false,
      deliveryBudgets: false,
      knownAccountsOnly: { email: false, phone_number: false },
      humanCheck: { verify: async () => (asked++, false) },
    })
    expect((await sendOtp({ clientId: 'web', usage: 'login', identifier: aliceEmail, humanCheckToken: '' }))._unsafeUnwrapErr()).toEqual({ code: 'human_check_failed', description: 'A human check token is required.' })
    expect(asked).toBe(0)
  })

  it('its options are refused by name', () => {
    const base = { store: createMemoryOtpStore(), sender: createCapturingOtpSender(), knownAccountsOnly: { email: false, phone_number: false } }
    expect(() => createSendOtp({ ...base, resendLimits: false, deliveryBudgets: false, ttlSeconds: 0 })).toThrow('ttlSeconds must be a whole number ≥ 1, got 0')
    expect(() => createSendOtp({ ...base, resendLimits: false, deliveryBudgets: false, codeLength: 2.5 })).toThrow('codeLength must be a whole number ≥ 1, got 2.5')
    expect(() => createSendOtp(base)).toThrow('resendLimits and deliveryBudgets need a WindowBudget: pass `windows` (e.g. createMemoryWindowBudget()), or resendLimits and deliveryBudgets: false')
  })

  it('without users there is no background queue, and idle() is settled at once', async () => {
    const sendOtp = createSendOtp({ store: createMemoryOtpStore(), sender: createCapturingOtpSender(), resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { email: false, phone_number: false } })
    await expect(sendOtp.idle()).resolves.toBeUndefined()
  })
})

describe('a refused code in the audit trail', () => {
  it('says which binding the token broke: another client, usage or identifier', async () => {
    const log = createCapturingAuditLog()
    const world = await makeWorld({ audit: { log, pseudonymKey: 'k'.repeat(32) } })
    const bob = { channel: 'email', value: 'bob@example.com' } as const
    const forLogin = (await world.sendOtp({ clientId: 'web', usage: 'login', identifier: aliceEmail }))._unsafeUnwrap().otpToken
    const forAlice = await world.requestCode(aliceEmail)
    const attempt = { clientId: 'web', password: 'Violet-Staircase-Orbit-42', otp: forAlice.code }
    await world.reset({ ...attempt, identifier: aliceEmail, otpToken: forLogin })
    await world.reset({ ...attempt, identifier: bob, otpToken: forAlice.token })
    await world.reset({ ...attempt, clientId: 'spa', identifier: aliceEmail, otpToken: forAlice.token })
    expect(log.ofType('otp_verification_failed').map((event) => event.reason)).toEqual(['other_usage', 'other_identifier', 'other_client'])
  })
})
