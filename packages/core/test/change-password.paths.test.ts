import { createCapturingAuditLog, createCapturingNotifier, createMemoryBreachedPasswords, createMemorySessionStore, createMemoryUserStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { createFastTestHasher } from '@resetkit/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createChangePassword, PortUnavailableError, type PasswordHasher, type UserStore, type WindowBudget } from '../src/index.js'
import { faulty, type Fault, type FaultPlan } from './faults.js'
import { ALICE, fastPolicy, makeWorld } from './world.js'

const INITIAL = 'Initial-Passw0rd!'
const NEW = 'Violet-Staircase-Orbit-42'

/** The hasher, counting its comparisons. */
function countingHasher(): PasswordHasher & { verifies: number } {
  const inner = createFastTestHasher()
  const counting = {
    verifies: 0,
    hash: (password: string) => inner.hash(password),
    verify: (hash: string, password: string) => {
      counting.verifies++
      return inner.verify(hash, password)
    },
  }
  return counting
}

describe('old passwords hashed before NFKC', () => {
  // "ﬁ" (U+FB01) folds to "fi" under NFKC: a hash made by an older stack of the typed form.
  const TYPED = '\uFB01le-Cabinet-Passw0rd'

  it('a hash of the typed form proves the old password; one of the folded form does too', async () => {
    for (const stored of [TYPED, TYPED.normalize('NFKC')]) {
      const hasher = countingHasher()
      const world = await makeWorld({ hasher })
      const alice = world.memoryUsers.get('alice')
      if (alice === null) throw new Error('no alice')
      world.memoryUsers.put({ ...alice, passwordHash: await hasher.hash(stored) })
      expect((await world.changeWith(TYPED, NEW)).isOk()).toBe(true)
    }
  })

  it('a wrong guess costs one comparison when typing and folding agree, two when they differ', async () => {
    const hasher = countingHasher()
    const world = await makeWorld({ hasher })
    await world.changeWith('plain-wrong-guess', NEW)
    expect(hasher.verifies).toBe(1)
    hasher.verifies = 0
    await world.changeWith('\uFB01-wrong-guess', NEW)
    expect(hasher.verifies).toBe(2)
  })

  it('the old password typed again as the new one is refused without another comparison', async () => {
    const hasher = countingHasher()
    const world = await makeWorld({ hasher })
    expect((await world.changeWith(INITIAL, INITIAL))._unsafeUnwrapErr().code).toBe('duplicate_password')
    expect(hasher.verifies).toBe(1)
  })
})

describe('commit conflicts', () => {
  /** Alice's store, where `before` runs ahead of each of the first `times` commits (another change landing first). */
  function racing(before: (users: ReturnType<typeof createMemoryUserStore>) => Promise<void>, times = 1) {
    let seeded: ReturnType<typeof createMemoryUserStore> | undefined
    let commits = 0
    const wrap = (users: ReturnType<typeof createMemoryUserStore>): UserStore => {
      seeded = users
      return {
        findById: (id) => users.findById(id),
        findByIdentifier: (identifier) => users.findByIdentifier(identifier),
        async changePassword(change) {
          commits++
          if (commits <= times) await before(users)
          return users.changePassword(change)
        },
      }
    }
    return { wrap, commits: () => commits, users: () => seeded }
  }

  async function worldWith(race: ReturnType<typeof racing>, maxCommitAttempts?: number) {
    const hasher = createFastTestHasher()
    const users = createMemoryUserStore([{ ...ALICE, passwordHash: await hasher.hash(INITIAL) }])
    const store = race.wrap(users)
    const change = createChangePassword({ users: store, policy: fastPolicy(3), hasher, windows: createMemoryWindowBudget(), ...(maxCommitAttempts === undefined ? {} : { maxCommitAttempts }) })
    return { hasher, users, change: (oldPassword: string, newPassword: string) => change({ clientId: 'web', userId: 'alice', oldPassword, newPassword }) }
  }

  const landFirst = (hasher: PasswordHasher, password: string) => async (users: ReturnType<typeof createMemoryUserStore>) => {
    const alice = await users.findById('alice')
    if (alice === null) throw new Error('no alice')
    await users.changePassword({ userId: 'alice', expectedVersion: alice.version, newHash: await hasher.hash(password), historyLimit: 3 })
  }

  it('another change that set a different password first: the old one is judged again and is now wrong', async () => {
    const hasher = createFastTestHasher()
    const race = racing(landFirst(hasher, 'Someone-Elses-Choice-7'))
    const world = await worldWith(race)
    expect((await world.change(INITIAL, NEW))._unsafeUnwrapErr().code).toBe('wrong_old_password')
    expect(await hasher.verify((await world.users.findById('alice'))?.passwordHash ?? '', 'Someone-Elses-Choice-7')).toBe(true)
  })

  it('changes that landed first and came back to the old password: the old one still proves, the new one is judged against their history', async () => {
    const hasher = createFastTestHasher()
    const there = landFirst(hasher, NEW)
    const back = landFirst(hasher, INITIAL)
    const world = await worldWith(racing(async (users) => {
      await there(users)
      await back(users)
    }))
    expect((await world.change(INITIAL, NEW))._unsafeUnwrapErr().code).toBe('recurrent_password')
  })

  it('a conflict where nothing changed (the version moved, the password did not) is retried and commits once', async () => {
    const race = racing(async (users) => {
      const alice = await users.findById('alice')
      if (alice === null) throw new Error('no alice')
      // Same hash, new version: a concurrent write that left the password alone.
      await users.changePassword({ userId: 'alice', expectedVersion: alice.version, newHash: alice.passwordHash ?? '', historyLimit: 3 })
    })
    const world = await worldWith(race)
    expect((await world.change(INITIAL, NEW)).isOk()).toBe(true)
    expect(race.commits()).toBe(2)
  })

  it.each([
    [undefined, 3],
    [1, 1],
    [5, 5],
  ])('endless conflicts: maxCommitAttempts %s → %i commits, then temporarily_unavailable naming the store', async (given, attempts) => {
    const race = racing(async (users) => {
      const alice = await users.findById('alice')
      if (alice === null) throw new Error('no alice')
      await users.changePassword({ userId: 'alice', expectedVersion: alice.version, newHash: alice.passwordHash ?? '', historyLimit: 3 })
    }, Infinity)
    const world = await worldWith(race, given)
    const before = await world.users.findById('alice')
    expect((await world.change(INITIAL, NEW))._unsafeUnwrapErr()).toMatchObject({ code: 'temporarily_unavailable', port: 'users.changePassword' })
    expect(race.commits()).toBe(attempts)
    expect((await world.users.findById('alice'))?.passwordHash).toBe(before?.passwordHash)
  })
})

describe('port failures in a change', () => {
  it('a failing port at any step is a typed error naming that port, and the password is unchanged; a failed give-back of the budget is not a failure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 14 }), fc.constantFrom<Fault>('reject', 'unavailable'), async (failAt, fault) => {
        const plan: FaultPlan = { calls: [], failAt, fault, armed: true }
        const wrap = <T extends object>(name: string, port: T): T => faulty(name, port, plan)
        const hasher = createFastTestHasher()
        const memory = createMemoryUserStore([{ ...ALICE, passwordHash: await hasher.hash(INITIAL), passwordHistory: [await hasher.hash('Older-Passw0rd!')] }])
        const windows: WindowBudget = wrap('windows', createMemoryWindowBudget())
        const breachedPasswords = { checker: wrap('breachedPasswords', createMemoryBreachedPasswords([])), whenUnavailable: 'refuse' as const }
        const change = createChangePassword({ users: wrap('users', memory), policy: wrap('policy', fastPolicy(3)), hasher: wrap('hasher', hasher), windows, breachedPasswords })
        const before = memory.get('alice')
        const result = await change({ clientId: 'web', userId: 'alice', oldPassword: INITIAL, newPassword: NEW })
        const failed = plan.calls[failAt - 1]
        if (failed === undefined || failed === 'windows.release') {
          expect(result.isOk()).toBe(true)
          return
        }
        // A breach check that cannot answer is refused (as configured here) whatever the failure.
        const unavailable = fault === 'unavailable' || failed === 'breachedPasswords.isBreached'
        expect(result._unsafeUnwrapErr()).toMatchObject({ code: unavailable ? 'temporarily_unavailable' : 'server_error', port: failed })
        expect(memory.get('alice')).toEqual(before)
      }),
      { numRuns: 60 },
    )
  })
})

describe('who is told, and what the audit trail says', () => {
  it('a user with a phone number only is told by SMS; one with neither is told nothing, and the change still succeeds', async () => {
    const notifier = createCapturingNotifier()
    const world = await makeWorld({ change: { notifier } })
    const hash = await world.hasher.hash(INITIAL)
    world.memoryUsers.put({ ...ALICE, id: 'phone-only', email: null, passwordHash: hash })
    world.memoryUsers.put({ ...ALICE, id: 'no-contact', email: null, phoneNumber: null, passwordHash: hash })
    await (await world.changeWith(INITIAL, NEW, 'phone-only'))._unsafeUnwrap().effects
    await (await world.changeWith(INITIAL, NEW, 'no-contact'))._unsafeUnwrap().effects
    expect(notifier.notices.map(({ userId, channel, to }) => ({ userId, channel, to }))).toEqual([{ userId: 'phone-only', channel: 'phone_number', to: ALICE.phoneNumber }])
  })

  it('without a session id every session ends; with one, that one is kept', async () => {
    const sessions = createMemorySessionStore([
      { userId: 'alice', sessionId: 'here' },
      { userId: 'alice', sessionId: 'laptop' },
    ])
    const world = await makeWorld({ change: { sessions } })
    await (await world.changeWith(INITIAL, NEW))._unsafeUnwrap().effects
    expect(sessions.count('alice')).toBe(0)
  })

  it('a refused new password is audited with the rules it broke', async () => {
    const log = createCapturingAuditLog()
    const world = await makeWorld({ audit: { log, pseudonymKey: 'k'.repeat(32) } })
    await world.changeWith(INITIAL, 'short')
    await world.changeWith('wrong-guess', NEW)
    expect(log.ofType('password_change_rejected').map(({ code, rules }) => ({ code, rules }))).toEqual([
      { code: 'invalid_new_password', rules: ['min_length'] },
      { code: 'wrong_old_password', rules: undefined },
    ])
  })

  it('a breach check that cannot answer is audited under the user’s contact, email or else phone', async () => {
    const log = createCapturingAuditLog()
    const down = { isBreached: () => Promise.reject(new PortUnavailableError('breach corpus down')) }
    const world = await makeWorld({ audit: { log, pseudonymKey: 'k'.repeat(32) }, change: { breachedPasswords: { checker: down, whenUnavailable: 'allow' } } })
    world.memoryUsers.put({ ...ALICE, id: 'phone-only', email: null, passwordHash: await world.hasher.hash(INITIAL) })
    world.memoryUsers.put({ ...ALICE, id: 'no-contact', email: null, phoneNumber: null, passwordHash: await world.hasher.hash(INITIAL) })
    for (const userId of ['alice', 'phone-only', 'no-contact']) expect((await world.changeWith(INITIAL, NEW, userId)).isOk()).toBe(true)
    const events = log.ofType('breach_check_unavailable')
    expect(events.map((event) => [event.userId, event.outcome])).toEqual([['alice', 'allowed'], ['phone-only', 'allowed']])
    expect(new Set(events.map((event) => event.subject)).size).toBe(2)
  })

  it('a breach check configured to refuse when it cannot answer refuses, and the audit trail says refused', async () => {
    const log = createCapturingAuditLog()
    const down = { isBreached: () => Promise.reject(new Error('breach corpus bug')) }
    const world = await makeWorld({ audit: { log, pseudonymKey: 'k'.repeat(32) }, change: { breachedPasswords: { checker: down, whenUnavailable: 'refuse' } } })
    expect((await world.changeWith(INITIAL, NEW))._unsafeUnwrapErr()).toMatchObject({ code: 'temporarily_unavailable', port: 'breachedPasswords.isBreached' })
    expect(log.ofType('breach_check_unavailable').map((event) => event.outcome)).toEqual(['refused'])
  })

  it('refuses budgets that are not whole numbers ≥ 1, naming the option', async () => {
    const world = await makeWorld()
    const deps = { users: world.users, policy: world.policy, hasher: world.hasher, windows: world.windows }
    expect(() => createChangePassword({ ...deps, oldPasswordBudget: { maxWrong: 0 } })).toThrow('maxWrong must be a whole number ≥ 1, got 0')
    expect(() => createChangePassword({ ...deps, oldPasswordBudget: { windowSeconds: 1.5 } })).toThrow('windowSeconds must be a whole number ≥ 1, got 1.5')
    expect(() => createChangePassword({ users: world.users, policy: world.policy, hasher: world.hasher })).toThrow(
      'oldPasswordBudget need a WindowBudget: pass `windows` (e.g. createMemoryWindowBudget()), or oldPasswordBudget: false',
    )
  })

  it('the old-password budget is per user: one user’s wrong guesses never lock another out', async () => {
    const world = await makeWorld()
    world.memoryUsers.put({ ...ALICE, id: 'bob', email: 'bob@example.com', phoneNumber: null, passwordHash: await world.hasher.hash(INITIAL) })
    for (let i = 0; i < 6; i++) await world.changeWith(`guess-${i}`, NEW, 'alice')
    expect((await world.changeWith(INITIAL, NEW, 'alice'))._unsafeUnwrapErr()).toMatchObject({ code: 'too_many_requests', description: 'Too many wrong old passwords; wait before trying again.' })
    expect((await world.changeWith(INITIAL, NEW, 'bob')).isOk()).toBe(true)
  })
})
