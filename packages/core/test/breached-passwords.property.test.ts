import { createCapturingAuditLog, createMemoryBreachedPasswords } from '@resetkit/adapters-memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BreachedPasswordChecker } from '../src/index.js'
import { aliceEmail, makeWorld } from './world.js'

const pseudonymKey = 'breach-test-key-0123456789'
const clean = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((word) => `Clean-${word}`)
const breachedList = ['Summer-2024-Breached', 'Correct-Horse-Battery', 'Ｆｕｌｌ-Width-Breached']

describe('breached passwords', () => {
  it('the checker is never asked before the code is proven and the local rules pass', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('wrong_code', 'unknown_token', 'too_short', 'frozen_user'), clean, async (failure, password) => {
        const checker = createMemoryBreachedPasswords(breachedList)
        const world = await makeWorld({ reset: { breachedPasswords: { checker } } })
        const identifier = failure === 'frozen_user' ? { channel: 'email', value: 'frozen@example.com' } as const : aliceEmail
        const { token, code } = await world.requestCode(identifier)
        const result = await world.reset({
          clientId: 'web',
          identifier,
          otpToken: failure === 'unknown_token' ? 'forged' : token,
          otp: failure === 'wrong_code' ? (code === '000000' ? '000001' : '000000') : code,
          password: failure === 'too_short' ? 'short' : password,
        })
        expect(result.isErr()).toBe(true)
        expect(checker.calls).toBe(0)
      }),
      { numRuns: 60 },
    )
  })

  it('a breached password is refused as invalid_new_password with rule breached_password, and the same code then works for a clean one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...breachedList), clean, async (breached, fresh) => {
        const checker = createMemoryBreachedPasswords(breachedList.map((password) => password.normalize('NFKC')))
        const world = await makeWorld({ reset: { breachedPasswords: { checker } } })
        const { token, code } = await world.requestCode(aliceEmail)
        const attempt = { clientId: 'web', identifier: aliceEmail, otpToken: token, otp: code }
        const refused = await world.reset({ ...attempt, password: breached })
        expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'invalid_new_password', violations: [{ rule: 'breached_password' }] })
        const before = world.memoryUsers.get('alice')
        expect((await world.reset({ ...attempt, password: fresh })).isOk()).toBe(true)
        expect(world.memoryUsers.get('alice')?.version).toBe((before?.version ?? 0) + 1)
      }),
      { numRuns: 30 },
    )
  })

  it('an unavailable checker (throws, rejects, hangs): fail-open resets and records it; fail-closed refuses, changes nothing, and keeps the code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('throw', 'reject', 'hang'), fc.constantFrom('allow', 'refuse'), clean, async (how, whenUnavailable, password) => {
        let down = true
        const checker: BreachedPasswordChecker = {
          isBreached: async () => {
            if (!down) return false
            if (how === 'throw') throw new Error('range API down')
            if (how === 'reject') return Promise.reject(new Error('range API down'))
            return new Promise<boolean>(() => {})
          },
        }
        const log = createCapturingAuditLog()
        const world = await makeWorld({ audit: { log, pseudonymKey }, reset: { breachedPasswords: { checker, whenUnavailable }, portTimeoutMs: 20 } })
        const before = world.memoryUsers.get('alice')
        const { token, code } = await world.requestCode(aliceEmail)
        const attempt = { clientId: 'web', identifier: aliceEmail, otpToken: token, otp: code }
        const result = await world.reset({ ...attempt, password })
        expect(log.ofType('breach_check_unavailable')).toEqual([
          expect.objectContaining({ userId: 'alice', outcome: whenUnavailable === 'allow' ? 'allowed' : 'refused' }),
        ])
        if (whenUnavailable === 'allow') {
          expect(result.isOk()).toBe(true)
          return
        }
        expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'temporarily_unavailable', port: 'breachedPasswords.isBreached' })
        expect(world.memoryUsers.get('alice')).toEqual(before)
        // The code was not consumed: with the corpus back, the same code resets.
        down = false
        expect((await world.reset({ ...attempt, password })).isOk()).toBe(true)
      }),
      { numRuns: 30 },
    )
  })
})

