import { beforeEach, describe, expect, it } from 'vitest'
import type { UserSeed, UserStore } from '@resetkit/core'

export interface UserStoreContractOptions {
  /** Shown in the suite title, e.g. 'memory' or 'postgres'. */
  readonly name: string
  /** A fresh, empty-but-for-`users` store for each test. */
  readonly make: (users: readonly UserSeed[]) => UserStore | Promise<UserStore>
}

const alice: UserSeed = {
  id: 'u-alice',
  email: 'alice@example.com',
  phoneNumber: '+8613800000001',
  status: 'active',
  names: ['Alice'],
  passwordHash: 'h0',
  passwordHistory: ['h-1', 'h-2'],
}
const noPassword: UserSeed = { ...alice, id: 'u-social', email: 'social@example.com', phoneNumber: null, passwordHash: null, passwordHistory: [] }
const locked: UserSeed = { ...alice, id: 'u-locked', email: 'locked@example.com', phoneNumber: null, status: 'locked', passwordHistory: [] }

/**
 * The behaviour every `UserStore` must have, ours or yours. Run it with one line:
 *
 * @example
 * describeUserStoreContract({ name: 'memory', make: (users) => createMemoryUserStore(users) })
 */
export function describeUserStoreContract({ name, make }: UserStoreContractOptions): void {
  describe(`UserStore contract: ${name}`, () => {
    let store: UserStore
    beforeEach(async () => {
      store = await make([alice, noPassword, locked])
    })

    const current = async (email = alice.email ?? '') => {
      const user = await store.findByIdentifier({ channel: 'email', value: email })
      if (user === null) throw new Error(`seeded user ${email} not found`)
      return user
    }

    it('finds a user by email and by phone number, and returns null for an unknown one', async () => {
      const byEmail = await current()
      expect(byEmail).toMatchObject({ ...alice })
      const byPhone = await store.findByIdentifier({ channel: 'phone_number', value: '+8613800000001' })
      expect(byPhone?.id).toBe(alice.id)
      expect(await store.findByIdentifier({ channel: 'email', value: 'nobody@example.com' })).toBeNull()
      expect(await store.findByIdentifier({ channel: 'phone_number', value: '+8613899999999' })).toBeNull()
    })

    it('finds a user by id (an access token’s subject) as by identifier, and returns null for an unknown id', async () => {
      expect(await store.findById(alice.id)).toEqual(await current())
      expect(await store.findById('u-nobody')).toBeNull()
    })

    it('keeps the three statuses apart: active, frozen and locked', async () => {
      expect((await store.findById(locked.id))?.status).toBe('locked')
      expect((await store.findById(alice.id))?.status).toBe('active')
    })

    it('a change at the current version moves the old hash to the head of the history', async () => {
      const before = await current()
      const outcome = await store.changePassword({ userId: alice.id, expectedVersion: before.version, newHash: 'h1', historyLimit: 4 })
      expect(outcome).toBe('changed')
      const after = await current()
      expect(after.passwordHash).toBe('h1')
      expect(after.passwordHistory).toEqual(['h0', 'h-1', 'h-2'])
      expect(after.version).not.toBe(before.version)
    })

    it('history is trimmed to historyLimit, and 0 keeps none', async () => {
      const before = await current()
      await store.changePassword({ userId: alice.id, expectedVersion: before.version, newHash: 'h1', historyLimit: 2 })
      expect((await current()).passwordHistory).toEqual(['h0', 'h-1'])
      const middle = await current()
      await store.changePassword({ userId: alice.id, expectedVersion: middle.version, newHash: 'h2', historyLimit: 0 })
      expect((await current()).passwordHistory).toEqual([])
    })

    it('a user without a password gets one and no empty entry in history', async () => {
      const before = await current('social@example.com')
      await store.changePassword({ userId: noPassword.id, expectedVersion: before.version, newHash: 'first', historyLimit: 4 })
      const after = await current('social@example.com')
      expect(after.passwordHash).toBe('first')
      expect(after.passwordHistory).toEqual([])
    })

    it('a stale version or an unknown user is a conflict that changes nothing', async () => {
      const before = await current()
      const stale = await store.changePassword({ userId: alice.id, expectedVersion: before.version + 1000, newHash: 'x', historyLimit: 4 })
      expect(stale).toBe('conflict')
      const ghost = await store.changePassword({ userId: 'nobody', expectedVersion: 1, newHash: 'x', historyLimit: 4 })
      expect(ghost).toBe('conflict')
      expect(await current()).toEqual(before)
    })

    it('of 20 parallel changes from one version, exactly one wins', async () => {
      const { version } = await current()
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.changePassword({ userId: alice.id, expectedVersion: version, newHash: `p${i}`, historyLimit: 10 })),
      )
      expect(outcomes.filter((outcome) => outcome === 'changed')).toHaveLength(1)
      const after = await current()
      expect(after.passwordHistory).toEqual(['h0', 'h-1', 'h-2'])
    })

    it('parallel writers that retry on conflict lose no history entry', async () => {
      const writers = 10
      const write = async (i: number): Promise<void> => {
        for (;;) {
          const { version } = await current()
          const outcome = await store.changePassword({ userId: alice.id, expectedVersion: version, newHash: `w${i}`, historyLimit: 50 })
          if (outcome === 'changed') return
        }
      }
      await Promise.all(Array.from({ length: writers }, (_, i) => write(i)))
      const after = await current()
      const all = [after.passwordHash, ...after.passwordHistory]
      for (let i = 0; i < writers; i++) expect(all).toContain(`w${i}`)
      expect(all).toEqual(expect.arrayContaining(['h0', 'h-1', 'h-2']))
      expect(all).toHaveLength(writers + 3)
    })
  })
}
