import { tokenIdOf } from '@resetkit/core/internal'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, STRONG, type Wrap } from './harness.js'

type Fault = 'throw' | 'reject' | 'hang'

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
beforeAll(() => void process.on('unhandledRejection', onUnhandled))
afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
  expect(unhandled).toEqual([])
})

/** Makes `target` ("users.changePassword") fail with `fault` once armed; every other call passes. */
function faultOn(target: string, fault: Fault) {
  const state = { armed: false, hits: 0 }
  const wrap: Wrap = (name, port) =>
    new Proxy(port, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver)
        if (typeof value !== 'function' || `${name}.${String(key)}` !== target) return value
        return (...args: unknown[]) => {
          if (!state.armed) return (value as (...a: unknown[]) => unknown).apply(object, args)
          state.hits++
          if (fault === 'throw') throw new Error(`injected into ${target}`)
          if (fault === 'reject') return Promise.reject(new Error(`injected into ${target}`))
          return new Promise(() => {})
        }
      },
    })
  return { wrap, state }
}

/** Sends a code with every port healthy, then resets with the fault armed. */
async function resetWhileFaulty(harness: Awaited<ReturnType<typeof startHarness>>, state: { armed: boolean }) {
  const { token, code } = await harness.sendCode()
  const before = harness.memoryUsers.get('alice')
  state.armed = true
  const response = await harness.reset(token, code)
  state.armed = false
  return { token, code, before, response }
}

const RESET_PORTS = [
  'otpStore.findByTokenId',
  'windows.reserve',
  'otpStore.reserveAttempt',
  'otpStore.refundAttempt',
  'users.findByIdentifier',
  'hasher.verify',
  'hasher.hash',
  'otpStore.consume',
  'users.changePassword',
  'clients.findById',
]
// Every port the signed-in change calls; windows.release gives back a right guess and may fail
// harmlessly (the guess then simply counts), so the change goes through without it.
const CHANGE_PORTS = ['tokens.verify', 'users.findById', 'windows.reserve', 'hasher.verify', 'hasher.hash', 'users.changePassword']
const SEND_PORTS = ['windows.reserve', 'otpStore.issue', 'sender.send', 'clients.findById']
const FAULTS: Fault[] = ['throw', 'reject', 'hang']
const expectedFor = (fault: Fault) => (fault === 'hang' ? [503, '{"error":"temporarily_unavailable"}'] : [500, '{"error":"server_error"}'])

describe('faults over HTTP', () => {
  describe.each(FAULTS)('a port that fails by %s', (fault) => {
    it.each(RESET_PORTS)('%s during a reset → typed error, password, history and code as before', async (target) => {
      const { wrap, state } = faultOn(target, fault)
      const harness = await startHarness({ wrap, portTimeoutMs: 50 })
      try {
        const { token, code, before, response } = await resetWhileFaulty(harness, state)
        expect(state.hits).toBeGreaterThan(0)
        expect([response.status, response.body]).toEqual(expectedFor(fault))
        expect(harness.memoryUsers.get('alice')).toEqual(before)
        // The code is still good: the user simply tries again once the outage is over.
        expect((await harness.reset(token, code)).status).toBe(200)
      } finally {
        await harness.close()
      }
    })

    it.each(['allow', 'refuse'] as const)('breachedPasswords.isBreached with whenUnavailable=%s → 200 (fail-open) or 503 with nothing changed and the code kept', async (whenUnavailable) => {
      const { wrap, state } = faultOn('breachedPasswords.isBreached', fault)
      const harness = await startHarness({ wrap, portTimeoutMs: 50, breachedPasswords: { corpus: [], whenUnavailable } })
      try {
        const { token, code, before, response } = await resetWhileFaulty(harness, state)
        expect(state.hits).toBe(1)
        if (whenUnavailable === 'allow') {
          expect([response.status, response.body]).toEqual([200, ''])
          return
        }
        expect([response.status, response.body]).toEqual([503, '{"error":"temporarily_unavailable"}'])
        expect(harness.memoryUsers.get('alice')).toEqual(before)
        expect((await harness.reset(token, code)).status).toBe(200)
      } finally {
        await harness.close()
      }
    })

    it.each(SEND_PORTS)('%s during a send → typed error', async (target) => {
      const { wrap, state } = faultOn(target, fault)
      const harness = await startHarness({ wrap, resendLimits: { cooldownSeconds: 0 }, portTimeoutMs: 50 })
      try {
        state.armed = true
        const { response } = await harness.sendCode()
        // A delivery that fails, however, is the CIAM's documented 503 with its own text.
        const expected = target === 'sender.send' ? [503, '{"error":"temporarily_unavailable","error_description":"Failed to send OTP. Please try again later."}'] : expectedFor(fault)
        expect([response.status, response.body]).toEqual(expected)
        state.armed = false
        expect((await harness.sendCode()).response.status).toBe(200)
      } finally {
        await harness.close()
      }
    })
  })

  describe.each(FAULTS)('a port that fails by %s, during a signed-in change', (fault) => {
    it.each(CHANGE_PORTS)('%s → typed error, password and history exactly as before; the next change goes through', async (target) => {
      const { wrap, state } = faultOn(target, fault)
      const harness = await startHarness({ wrap, portTimeoutMs: 50 })
      try {
        const before = harness.memoryUsers.get('alice')
        state.armed = true
        const response = await harness.change('Initial-Passw0rd!')
        state.armed = false
        expect(state.hits).toBeGreaterThan(0)
        expect([response.status, response.body]).toEqual(expectedFor(fault))
        expect(harness.memoryUsers.get('alice')).toEqual(before)
        expect((await harness.change('Initial-Passw0rd!')).status).toBe(200)
        expect(await harness.hasher.verify(harness.memoryUsers.get('alice')?.passwordHash ?? '', STRONG)).toBe(true)
      } finally {
        await harness.close()
      }
    })

    it('windows.release (giving back a right guess) → the change still goes through, and the state is exactly after', async () => {
      const { wrap, state } = faultOn('windows.release', fault)
      const harness = await startHarness({ wrap, portTimeoutMs: 50 })
      try {
        state.armed = true
        expect((await harness.change('Initial-Passw0rd!')).status).toBe(200)
        expect(state.hits).toBe(1)
        expect(await harness.hasher.verify(harness.memoryUsers.get('alice')?.passwordHash ?? '', STRONG)).toBe(true)
      } finally {
        await harness.close()
      }
    })
  })

  it('a store that fails mid-commit (after the code is consumed) gives the code back', async () => {
    const { wrap, state } = faultOn('users.changePassword', 'reject')
    const harness = await startHarness({ wrap })
    try {
      const { token, code } = await harness.sendCode()
      state.armed = true
      expect((await harness.reset(token, code)).status).toBe(500)
      state.armed = false
      expect((await harness.memoryOtp.findByTokenId(tokenIdOf(token)))?.consumed).toBe(false)
      expect((await harness.reset(token, code)).status).toBe(200)
    } finally {
      await harness.close()
    }
  })
})
