import fc from 'fast-check'
import { createFastTestHasher } from '@resetkit/testing'
import { describe, expect, it } from 'vitest'
import { withHashAndCompare } from './batching-hasher.js'
import { makeWorld } from './world.js'

const passwordSequence = fc.uniqueArray(fc.stringMatching(/^[a-z]{8,12}$/), { minLength: 1, maxLength: 7 })

describe("a hasher's hashAndCompare", () => {
  it('is what a reset asks for when offered (one call, no plain verify or hash), and the history refuses exactly as without it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), passwordSequence, fc.nat(), async (n, passwords, pick) => {
        const hasher = withHashAndCompare(createFastTestHasher())
        const world = await makeWorld({ history: n, hasher })
        hasher.asked.plain = 0
        for (const password of passwords) expect((await world.resetWith(password)).isOk()).toBe(true)
        expect(hasher.asked).toEqual({ batches: passwords.length, plain: 0 })
        const had = ['Initial-Passw0rd!', ...passwords].reverse()
        const index = pick % had.length
        const again = await world.resetWith(had[index] ?? '')
        if (index < n) expect(again._unsafeUnwrapErr().code).toBe('recurrent_password')
        else expect(again.isOk()).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('is what a signed-in change asks for too: an earlier password is recurrent_password, a new one goes through', async () => {
    const hasher = withHashAndCompare(createFastTestHasher())
    const world = await makeWorld({ history: 3, hasher })
    expect((await world.changeWith('Initial-Passw0rd!', 'Second-Passw0rd!')).isOk()).toBe(true)
    expect((await world.changeWith('Second-Passw0rd!', 'Initial-Passw0rd!'))._unsafeUnwrapErr().code).toBe('recurrent_password')
    expect((await world.changeWith('Second-Passw0rd!', 'Third-Passw0rd!')).isOk()).toBe(true)
    expect(hasher.asked.batches).toBe(3)
  })

  it('failing, is the typed error naming it, with the password and history as before', async () => {
    const base = withHashAndCompare(createFastTestHasher())
    const hasher = { ...base, hashAndCompare: () => Promise.reject(new Error('thread died')) }
    const world = await makeWorld({ hasher })
    const before = world.memoryUsers.get('alice')
    const result = await world.resetWith('Correct-Horse-Battery-9')
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'server_error', port: 'hasher.hashAndCompare' })
    expect(world.memoryUsers.get('alice')).toEqual(before)
  })
})
