import { createMemoryOtpStore, createMemoryUserStore, createMemoryWindowBudget, createCapturingOtpSender } from '@resetkit/adapters-memory'
import { createOtpVerifier, createPasswordPolicy, createResetPassword, createSendOtp } from '@resetkit/core'
import { describePasswordHasherContract } from '@resetkit/testing'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createArgon2Hasher } from '../src/argon2.js'
import { createLegacyAwareHasher, LEGACY_LIMITS, parseLegacyHash } from '../src/legacy/index.js'

interface Fixture {
  readonly tool: string
  readonly password: string
  readonly hash: string
}
// Made by Django, Werkzeug, passlib and pyca/bcrypt themselves: see fixtures/make-legacy-hashes.py.
const { fixtures } = JSON.parse(readFileSync(new URL('./fixtures/legacy-hashes.json', import.meta.url), 'utf8')) as { fixtures: readonly Fixture[] }

const quietHasher = (reports: string[] = []) => createLegacyAwareHasher({ hasher: createArgon2Hasher(), onUnrecognisedHash: ({ scheme }) => reports.push(scheme) })

describePasswordHasherContract({ name: 'legacy-aware (argon2id for new hashes)', make: () => quietHasher() })

describe('createLegacyAwareHasher on hashes made by the reference tools', () => {
  it('covers every family the fixtures were made for', () => {
    const tools = new Set(fixtures.map(({ tool }) => tool.split(',')[0]))
    expect(tools.size).toBeGreaterThanOrEqual(15)
  })

  it.each(fixtures.map((fixture) => [fixture.tool, fixture] as const))('%s: the password verifies, a wrong one does not', async (_tool, { password, hash }) => {
    const reports: string[] = []
    const hasher = quietHasher(reports)
    expect(hasher.isLegacy(hash)).toBe(true)
    expect(await hasher.verify(hash, password)).toBe(true)
    expect(await hasher.verify(hash, `${password}!`)).toBe(false)
    expect(await hasher.verify(hash, password.toUpperCase())).toBe(false)
    expect(reports).toEqual([])
  })

  it('new passwords are hashed with argon2id, which is not legacy', async () => {
    const hasher = quietHasher()
    const stored = await hasher.hash('Violet-Staircase-Orbit-42')
    expect(stored).toMatch(/^\$argon2id\$/)
    expect(hasher.isLegacy(stored)).toBe(false)
  })

  it('an unknown format never matches, and is reported by its scheme label alone', async () => {
    const reports: string[] = []
    const hasher = quietHasher(reports)
    for (const hash of ['md5$abcd$0123456789abcdef0123456789abcdef', '{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=', '5f4dcc3b5aa765d61d8327deb882cf99']) {
      expect(await hasher.verify(hash, 'password')).toBe(false)
    }
    expect(reports).toEqual(['md5', 'unknown', 'unknown'])
  })

  it('refuses costs beyond the limits without doing the work', () => {
    const salt = 'c2FsdHNhbHQ'
    const hash = 'q'.repeat(43)
    expect(parseLegacyHash(`pbkdf2_sha256$${LEGACY_LIMITS.pbkdf2Iterations + 1}$salt$${hash}=`)).toBeNull()
    expect(parseLegacyHash(`scrypt:1048576:8:1$salt$${'ab'.repeat(32)}`)).toBeNull() // 1 GiB
    expect(parseLegacyHash(`$scrypt$ln=30,r=8,p=1$${salt}$${hash}`)).toBeNull()
    expect(parseLegacyHash(`$2b$31$${'a'.repeat(53)}`)).toBeNull()
    expect(parseLegacyHash(`scrypt:16383:8:1$salt$${'ab'.repeat(32)}`)).toBeNull() // N not a power of two
    expect(parseLegacyHash(`pbkdf2_sha256$20000$salt$${hash}=`)).not.toBeNull()
  })
})

describe('a reset over legacy hashes', () => {
  async function world(current: Fixture, history: readonly Fixture[]) {
    const hasher = quietHasher()
    const users = createMemoryUserStore([
      { id: 'u1', email: 'u1@example.com', phoneNumber: null, status: 'active', names: [], passwordHash: current.hash, passwordHistory: history.map(({ hash }) => hash) },
    ])
    const store = createMemoryOtpStore()
    const windows = createMemoryWindowBudget()
    const sender = createCapturingOtpSender()
    const sendOtp = createSendOtp({ store, windows, sender, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false } })
    const resetPassword = createResetPassword({
      users,
      otp: createOtpVerifier({ store, windows }),
      policy: createPasswordPolicy({ history: 5, strength: false, commonPasswords: false }),
      hasher,
    })
    const reset = async (password: string) => {
      const identifier = { channel: 'email', value: 'u1@example.com' } as const
      const sent = await sendOtp({ clientId: 'web', usage: 'reset_password', identifier })
      const otpToken = sent.isOk() ? sent.value.otpToken : ''
      return resetPassword({ clientId: 'web', identifier, otpToken, otp: sender.lastCodeFor('u1@example.com') ?? '', password })
    }
    return { users, reset }
  }

  const byTool = (tool: string): Fixture => fixtures.find((fixture) => fixture.tool === tool && fixture.password === 'correct horse battery staple') as Fixture
  const otherPassword = (tool: string): Fixture => fixtures.find((fixture) => fixture.tool === tool && fixture.password !== 'correct horse battery staple') as Fixture

  it.each(['django pbkdf2_sha256', 'werkzeug scrypt', 'passlib pbkdf2_sha512', 'bcrypt $2b$', 'django bcrypt_sha256'])(
    'a current %s password, or one in history, is refused as recurrent; a new one is stored as argon2id',
    async (tool) => {
      const { users, reset } = await world(byTool(tool), [otherPassword(tool)])
      expect((await reset('correct horse battery staple'))._unsafeUnwrapErr().code).toBe('recurrent_password')
      expect((await reset(otherPassword(tool).password))._unsafeUnwrapErr().code).toBe('recurrent_password')
      expect((await reset('Violet-Staircase-Orbit-42')).isOk()).toBe(true)
      const after = users.get('u1')
      expect(after?.passwordHash).toMatch(/^\$argon2id\$/)
      expect(after?.passwordHistory[0]).toBe(byTool(tool).hash)
    },
  )
})
