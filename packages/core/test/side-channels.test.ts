import { beforeEach, describe, expect, it, vi } from 'vitest'

// Replace the helper with a spy on itself: the property is that secrets go through it at all.
vi.mock('../src/crypto/digest.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/crypto/digest.js')>()
  return { ...original, digestsEqual: vi.fn((a: string, b: string) => original.digestsEqual(a, b)) }
})

const { digestsEqual } = await import('../src/crypto/digest.js')
const { makeWorld, aliceEmail } = await import('./world.js')

describe('side channels', () => {
  beforeEach(() => {
    vi.mocked(digestsEqual).mockClear()
  })

  it('an OTP code is compared with the constant-time helper, against its stored hash', async () => {
    const world = await makeWorld()
    const { token, code } = await world.requestCode(aliceEmail)
    await world.otp.verify({ clientId: 'web', usage: 'reset_password', identifier: aliceEmail, token, code: '000001' })
    expect(digestsEqual).toHaveBeenCalledTimes(1)
    const [presented, stored] = vi.mocked(digestsEqual).mock.calls[0] ?? []
    // Both sides are hashes: the raw code is never what gets compared.
    expect(presented).toMatch(/^[0-9a-f]{64}$/)
    expect(stored).toMatch(/^[0-9a-f]{64}$/)
    expect(presented).not.toContain(code)
  })

  it('the helper answers by value, and digests of another length are simply unequal (a digest\'s length is its hash\'s, and public)', async () => {
    const { digestsEqual: real } = await vi.importActual<typeof import('../src/crypto/digest.js')>('../src/crypto/digest.js')
    expect(real('abc', 'abc')).toBe(true)
    expect(real('abc', 'abd')).toBe(false)
    expect(real('abc', 'abcd')).toBe(false)
    expect(real('', '')).toBe(true)
  })
})
