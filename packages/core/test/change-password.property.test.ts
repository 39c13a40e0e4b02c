import { createMemoryWindowBudget } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PasswordHasher, PasswordPolicy } from '../src/index.js'
import { aliceEmail, fastPolicy, makeWorld } from './world.js'

const goodPassword = fc.stringMatching(/^[A-Za-z0-9]{6,12}$/).map((tail) => `Good-${tail}-9`)
const candidate = (history: readonly string[], current: string) =>
  fc.oneof(
    fc.constant(current),
    history.length > 0 ? fc.constantFrom(...history) : fc.constant(current),
    goodPassword,
    fc.constantFrom('short', 'aaaaaaaa', 'Alice Liddell 1'),
  )

describe('the signed-in change and the reset are one set of rules', () => {
  it('for any user state and any new password, the change refuses exactly the passwords the reset refuses, with the same code (the current one aside: duplicate_password, not recurrent_password)', async () => {
    const state = fc.record({
      historySize: fc.integer({ min: 1, max: 5 }),
      earlier: fc.uniqueArray(goodPassword, { maxLength: 6 }),
      current: goodPassword,
    })
    await fc.assert(
      fc.asyncProperty(
        state.chain((s) => fc.tuple(fc.constant(s), candidate(s.earlier.filter((p) => p !== s.current), s.current))),
        async ([{ historySize, earlier, current }, password]) => {
          const outcomes = []
          for (const path of ['reset', 'change'] as const) {
            const world = await makeWorld({ policy: fastPolicy(historySize) })
            const history = await Promise.all(earlier.filter((p) => p !== current).map((p) => world.hasher.hash(p)))
            const alice = world.memoryUsers.get('alice')
            if (alice === null) throw new Error('no alice')
            world.memoryUsers.put({ ...alice, passwordHash: await world.hasher.hash(current), passwordHistory: history })
            const result = path === 'reset' ? await world.resetWith(password, aliceEmail) : await world.changeWith(current, password)
            outcomes.push(result.isOk() ? 'accepted' : result.error.code)
          }
          const [reset, change] = outcomes
          expect(change === 'accepted').toBe(reset === 'accepted')
          if (password === current && reset === 'recurrent_password') expect(change).toBe('duplicate_password')
          else expect(change).toBe(reset)
        },
      ),
      { numRuns: 120 },
    )
  })

  it('a wrong old password is wrong_old_password whatever the new one is, and nothing judges the new one', async () => {
    const base = fastPolicy(5)
    let judged = 0
    const policy: PasswordPolicy = { historySize: base.historySize, check: (password, context) => (judged++, base.check(password, context)) }
    const world = await makeWorld({ policy })
    const hashed: PasswordHasher = world.hasher
    let hashes = 0
    const counting: PasswordHasher = { hash: (p) => (hashes++, hashed.hash(p)), verify: (h, p) => hashed.verify(h, p) }
    const { createChangePassword } = await import('../src/index.js')
    const change = createChangePassword({ users: world.users, policy, hasher: counting, windows: createMemoryWindowBudget(), oldPasswordBudget: false })
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), goodPassword, fc.constantFrom('Initial-Passw0rd!', 'short', '')), fc.string({ maxLength: 40 }), async (newPassword, wrongOld) => {
        fc.pre(wrongOld.normalize('NFKC') !== 'Initial-Passw0rd!' && wrongOld !== 'Initial-Passw0rd!')
        const result = await change({ clientId: 'web', userId: 'alice', oldPassword: wrongOld, newPassword })
        expect(result._unsafeUnwrapErr()).toEqual({ code: 'wrong_old_password', description: 'The old password is wrong.' })
      }),
      { numRuns: 300 },
    )
    expect([judged, hashes]).toEqual([0, 0])
  })
})
