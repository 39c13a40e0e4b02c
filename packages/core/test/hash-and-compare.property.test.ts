import { createFastTestHasher } from '@resetkit/testing'
import { describe, expect, it } from 'vitest'
import { withHashAndCompare } from './batching-hasher.js'
import { makeWorld } from './world.js'

// The reset's side (the history refuses exactly as without it, in one call) is a property in
// history.property.test.ts.
describe("a hasher's hashAndCompare", () => {
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
