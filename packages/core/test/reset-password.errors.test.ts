import { describe, expect, it } from 'vitest'
import { commonPasswordList } from '@resetkit/adapters-node/zxcvbn'
import { createFastTestHasher } from '@resetkit/testing'
import { createPasswordPolicy } from '../src/policy/password-policy.js'
import { ALICE, aliceEmail, alicePhone, makeWorld } from './world.js'

const STRONG = 'Correct-Horse-Battery-9'

describe('resetPassword: one example per outcome', () => {
  it('succeeds with the right token and code, and the new password is the current one', async () => {
    const world = await makeWorld()
    const result = await world.resetWith(STRONG)
    expect(result._unsafeUnwrap()).toMatchObject({ userId: ALICE.id })
    const user = world.memoryUsers.get(ALICE.id)
    expect(await world.hasher.verify(user?.passwordHash ?? '', STRONG)).toBe(true)
    expect(user?.passwordHistory).toHaveLength(1)
  })

  it('succeeds over the phone channel too', async () => {
    const world = await makeWorld()
    expect((await world.resetWith(STRONG, alicePhone)).isOk()).toBe(true)
  })

  it.each([
    [aliceEmail, 'bad_email_otp_token'],
    [alicePhone, 'bad_phone_number_otp_token'],
  ] as const)('an unknown token is %s → %s', async (identifier, code) => {
    const world = await makeWorld()
    const result = await world.reset({ clientId: 'web', password: STRONG, identifier, otpToken: 'nope', otp: '123456' })
    expect(result._unsafeUnwrapErr().code).toBe(code)
  })

  it.each([
    [aliceEmail, 'bad_email_otp'],
    [alicePhone, 'bad_phone_number_otp'],
  ] as const)('a wrong code for %s → %s', async (identifier, code) => {
    const world = await makeWorld()
    const { token, code: right } = await world.requestCode(identifier)
    const wrong = right === '000000' ? '111111' : '000000'
    const result = await world.reset({ clientId: 'web', password: STRONG, identifier, otpToken: token, otp: wrong })
    expect(result._unsafeUnwrapErr().code).toBe(code)
  })

  it('a token sent for another client, identifier or usage → bad token', async () => {
    const world = await makeWorld()
    const { token, code } = await world.requestCode(aliceEmail, 'web')
    const otherClient = await world.reset({ clientId: 'spa', password: STRONG, identifier: aliceEmail, otpToken: token, otp: code })
    expect(otherClient._unsafeUnwrapErr().code).toBe('bad_email_otp_token')
    const otherEmail = await world.reset({ clientId: 'web', password: STRONG, identifier: { channel: 'email', value: 'bob@example.com' }, otpToken: token, otp: code })
    expect(otherEmail._unsafeUnwrapErr().code).toBe('bad_email_otp_token')
    const login = await world.sendOtp({ clientId: 'web', usage: 'login', identifier: aliceEmail })
    const loginCode = world.sender.lastCodeFor(aliceEmail.value) ?? ''
    const forLogin = await world.reset({ clientId: 'web', password: STRONG, identifier: aliceEmail, otpToken: login._unsafeUnwrap().otpToken, otp: loginCode })
    expect(forLogin._unsafeUnwrapErr().code).toBe('bad_email_otp_token')
  })

  it('an expired token → bad token, even with the right code', async () => {
    const world = await makeWorld()
    const { token, code } = await world.requestCode(aliceEmail)
    world.clock.advance(5 * 60_000)
    const result = await world.reset({ clientId: 'web', password: STRONG, identifier: aliceEmail, otpToken: token, otp: code })
    expect(result._unsafeUnwrapErr().code).toBe('bad_email_otp_token')
  })

  it('an unknown user, after a valid code → user_not_found', async () => {
    const world = await makeWorld()
    const result = await world.resetWith(STRONG, { channel: 'email', value: 'nobody@example.com' })
    expect(result._unsafeUnwrapErr().code).toBe('user_not_found')
  })

  it('a frozen user → abnormal_user_status "User is frozen."', async () => {
    const world = await makeWorld()
    const error = (await world.resetWith(STRONG, { channel: 'email', value: 'frozen@example.com' }))._unsafeUnwrapErr()
    expect(error).toMatchObject({ code: 'abnormal_user_status', description: 'User is frozen.' })
  })

  it('a password breaking the policy → invalid_new_password listing every violated rule', async () => {
    const policy = createPasswordPolicy({ strength: false, commonPasswords: { list: commonPasswordList }, requiredCharacterClasses: 3, blocklist: ['acme'] })
    const world = await makeWorld({ policy })
    const error = (await world.resetWith('acme'))._unsafeUnwrapErr()
    expect(error.code).toBe('invalid_new_password')
    if (error.code !== 'invalid_new_password') return
    expect(error.violations.map((violation) => violation.rule)).toEqual(['min_length', 'character_classes', 'blocklisted_word', 'common_password'])
    expect(error.violations[0]).toMatchObject({ params: { min: 8 } })
  })

  it('the current password again → recurrent_password', async () => {
    const world = await makeWorld()
    expect((await world.resetWith('Initial-Passw0rd!'))._unsafeUnwrapErr().code).toBe('recurrent_password')
  })

  it('a refused password leaves the code usable for a better one', async () => {
    const world = await makeWorld()
    const { token, code } = await world.requestCode(aliceEmail)
    const attempt = { clientId: 'web', identifier: aliceEmail, otpToken: token, otp: code }
    expect((await world.reset({ ...attempt, password: 'short' }))._unsafeUnwrapErr().code).toBe('invalid_new_password')
    expect((await world.reset({ ...attempt, password: 'Initial-Passw0rd!' }))._unsafeUnwrapErr().code).toBe('recurrent_password')
    expect((await world.reset({ ...attempt, password: STRONG })).isOk()).toBe(true)
    expect((await world.reset({ ...attempt, password: `${STRONG}-again` }))._unsafeUnwrapErr().code).toBe('bad_email_otp_token')
  })

  it('after the attempt limit even the right code fails', async () => {
    const world = await makeWorld({ maxAttempts: 3 })
    const { token, code } = await world.requestCode(aliceEmail)
    const wrong = code === '000000' ? '111111' : '000000'
    const attempt = { clientId: 'web', identifier: aliceEmail, otpToken: token, password: STRONG }
    for (let i = 0; i < 3; i++) expect((await world.reset({ ...attempt, otp: wrong }))._unsafeUnwrapErr().code).toBe('bad_email_otp')
    expect((await world.reset({ ...attempt, otp: code }))._unsafeUnwrapErr().code).toBe('bad_email_otp_token')
  })

  it('a port that throws → server_error naming the port; one that hangs → temporarily_unavailable', async () => {
    const seeded = await makeWorld()
    const brokenUsers = { ...seeded.users, findByIdentifier: () => { throw new Error('db down: password=hunter2') } }
    const world = await makeWorld({ users: brokenUsers })
    const error = (await world.resetWith(STRONG))._unsafeUnwrapErr()
    expect(error).toMatchObject({ code: 'server_error', port: 'users.findByIdentifier' })

    let hang = false
    const fast = createFastTestHasher()
    const slowHasher = { ...fast, hash: (password: string) => (hang ? new Promise<string>(() => {}) : fast.hash(password)) }
    const slow = await makeWorld({ hasher: slowHasher, reset: { portTimeoutMs: 20 } })
    hang = true
    expect((await slow.resetWith(STRONG))._unsafeUnwrapErr()).toMatchObject({ code: 'temporarily_unavailable', port: 'hasher.hash' })
  })
})
