import { createCapturingAuditLog, createCapturingNotifier, createMemorySessionStore } from '@resetkit/adapters-memory'
import { describe, expect, it } from 'vitest'
import { fastPolicy, makeWorld } from './world.js'

const INITIAL = 'Initial-Passw0rd!'
const NEW = 'Violet-Staircase-Orbit-42'

describe('changePassword: every outcome', () => {
  it('succeeds: the new password is current, the old one heads the history, the other sessions end (not this one), the user is told', async () => {
    const sessions = createMemorySessionStore([
      { userId: 'alice', sessionId: 'here' },
      { userId: 'alice', sessionId: 'laptop' },
    ])
    const notifier = createCapturingNotifier()
    const world = await makeWorld({ change: { sessions, notifier } })
    const before = world.memoryUsers.get('alice')
    const changed = (await world.change({ clientId: 'web', userId: 'alice', sessionId: 'here', oldPassword: INITIAL, newPassword: NEW }))._unsafeUnwrap()
    await changed.effects
    const after = world.memoryUsers.get('alice')
    expect(await world.hasher.verify(after?.passwordHash ?? '', NEW)).toBe(true)
    expect(after?.passwordHistory[0]).toBe(before?.passwordHash)
    expect(sessions.count('alice')).toBe(1)
    expect(notifier.notices).toEqual([expect.objectContaining({ event: 'password_changed', userId: 'alice', channel: 'email', to: 'alice@example.com' })])
  })

  it.each([
    ['an unknown subject', 'nobody', INITIAL, NEW, { code: 'user_not_found' }],
    ['a frozen user', 'frozen', 'Frozen-Passw0rd!', NEW, { code: 'abnormal_user_status', description: 'User is frozen.' }],
    ['a wrong old password', 'alice', 'not-my-password', NEW, { code: 'wrong_old_password' }],
    ['the old password again', 'alice', INITIAL, INITIAL, { code: 'duplicate_password' }],
    ['a password breaking the policy (every rule listed)', 'alice', INITIAL, 'short', { code: 'invalid_new_password', violations: [expect.objectContaining({ rule: 'min_length' })] }],
  ] as const)('%s → %o', async (_name, userId, oldPassword, newPassword, expected) => {
    const world = await makeWorld()
    const before = world.memoryUsers.get('alice')
    expect((await world.changeWith(oldPassword, newPassword, userId))._unsafeUnwrapErr()).toMatchObject(expected)
    expect(world.memoryUsers.get('alice')).toEqual(before)
  })

  it('a locked user → abnormal_user_status "User is locked."', async () => {
    const world = await makeWorld()
    world.memoryUsers.put({ id: 'locked', email: 'locked@example.com', phoneNumber: null, status: 'locked', names: [], passwordHash: await world.hasher.hash(INITIAL), passwordHistory: [] })
    expect((await world.changeWith(INITIAL, NEW, 'locked'))._unsafeUnwrapErr()).toMatchObject({ code: 'abnormal_user_status', description: 'User is locked.' })
  })

  it('an earlier password → recurrent_password; the current one by another spelling (NFKC) → duplicate_password', async () => {
    const world = await makeWorld({ policy: fastPolicy(3) })
    expect((await world.changeWith(INITIAL, NEW)).isOk()).toBe(true)
    expect((await world.changeWith(NEW, INITIAL))._unsafeUnwrapErr().code).toBe('recurrent_password')
    // U+FF36 FULLWIDTH V folds to V under NFKC: the same password as the current one.
    expect((await world.changeWith(NEW, `\uFF36${NEW.slice(1)}`))._unsafeUnwrapErr().code).toBe('duplicate_password')
  })

  it('wrong old passwords: 5 per 15 minutes per user; then every attempt, even the right one, is too_many_requests with the wait; a right one never counts', async () => {
    const log = createCapturingAuditLog()
    const world = await makeWorld({ audit: { log, pseudonymKey: 'k'.repeat(32) } })
    // A right old password with a refused new one spends nothing.
    for (let i = 0; i < 3; i++) expect((await world.changeWith(INITIAL, 'short'))._unsafeUnwrapErr().code).toBe('invalid_new_password')
    for (let i = 0; i < 5; i++) expect((await world.changeWith(`guess-${i}`, NEW))._unsafeUnwrapErr().code).toBe('wrong_old_password')
    world.clock.advance(60_000)
    expect((await world.changeWith(INITIAL, NEW))._unsafeUnwrapErr()).toMatchObject({ code: 'too_many_requests', retryAfterSeconds: 840 })
    world.clock.advance(840_000)
    expect((await world.changeWith(INITIAL, NEW)).isOk()).toBe(true)
    expect(log.ofType('password_change_rejected').map((event) => event.code)).toEqual([...Array(3).fill('invalid_new_password'), ...Array(5).fill('wrong_old_password'), 'too_many_requests'])
    expect(log.ofType('password_change_succeeded')).toEqual([expect.objectContaining({ userId: 'alice', clientId: 'web' })])
  })

  it('a user who never had a password cannot prove an old one', async () => {
    const world = await makeWorld()
    world.memoryUsers.put({ id: 'social', email: 'social@example.com', phoneNumber: null, status: 'active', names: [], passwordHash: null, passwordHistory: [] })
    expect((await world.changeWith('', NEW, 'social'))._unsafeUnwrapErr().code).toBe('wrong_old_password')
  })

  it('refuses to start without a budget for the old-password guesses, unless told (unsafely) not to count them', async () => {
    const { createChangePassword } = await import('../src/index.js')
    const world = await makeWorld()
    expect(() => createChangePassword({ users: world.users, policy: world.policy, hasher: world.hasher })).toThrow(/WindowBudget/)
    expect(() => createChangePassword({ users: world.users, policy: world.policy, hasher: world.hasher, oldPasswordBudget: false })).not.toThrow()
  })
})
