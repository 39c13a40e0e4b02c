import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from './harness.js'

// Real argon2id (OWASP parameters) and zxcvbn in its worker: the race is run as production would.
let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness({ hasher: 'argon2', strength: 'worker' })
})
afterAll(() => harness.close())

describe('races over HTTP', () => {
  it('50 concurrent resets with the same token and the right code → exactly one 200', async () => {
    const { token, code } = await harness.sendCode()
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => harness.reset(token, code, `Concurrent-Orbit-Staircase-${i}`)))
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    for (const response of responses.filter((r) => r.status !== 200)) {
      expect(['bad_email_otp_token', 'too_many_requests']).toContain((JSON.parse(response.body) as { error: string }).error)
    }
    const winner = statuses.indexOf(200)
    const user = harness.memoryUsers.get('alice')
    expect(await harness.hasher.verify(user?.passwordHash ?? '', `Concurrent-Orbit-Staircase-${winner}`)).toBe(true)
    expect(user?.passwordHistory).toHaveLength(1)
  })
})
