import { describe, expect, it } from 'vitest'
import {
  createChangePassword,
  createOtpVerifier,
  createPasswordPolicy,
  createResetPassword,
  createSendOtp,
  type Identifier,
  type OtpDelivery,
  type OtpStore,
  type UserSeed,
  type UserStore,
  type WindowBudget,
} from '@resetkit/core'
import { createFastTestHasher } from './fast-hasher.js'

export interface ResetFlowStores {
  readonly users: UserStore
  readonly otpStore: OtpStore
  readonly windows: WindowBudget
}

export interface ResetFlowContractOptions {
  readonly name: string
  /** Fresh stores for each test; `users` seeded with exactly these users. */
  readonly make: (users: readonly UserSeed[]) => ResetFlowStores | Promise<ResetFlowStores>
}

const alice: Identifier = { channel: 'email', value: 'alice@example.com' }

/**
 * The use cases run against your stores under concurrency: what only holds if the stores are
 * atomic together with the core's protocol (verify, consume once, compare-and-set commit).
 *
 * @example
 * describeResetFlowContract({ name: 'memory', make: (users) => ({ users: createMemoryUserStore(users), otpStore: createMemoryOtpStore(), windows: createMemoryWindowBudget() }) })
 */
export function describeResetFlowContract({ name, make }: ResetFlowContractOptions): void {
  describe(`reset flow under concurrency: ${name}`, () => {
    async function world(history = 10) {
      const hasher = createFastTestHasher()
      const stores = await make([
        { id: 'alice', email: alice.value, phoneNumber: null, status: 'active', names: [], passwordHash: await hasher.hash('Initial-Passw0rd!'), passwordHistory: [] },
      ])
      const deliveries: OtpDelivery[] = []
      const sendOtp = createSendOtp({ store: stores.otpStore, sender: { send: async (d) => void deliveries.push(d) }, resendLimits: false, deliveryBudgets: false, knownAccountsOnly: { phone_number: false } })
      // The stores are under test, not the policy: its cheap rules only.
      const policy = createPasswordPolicy({ strength: false, commonPasswords: false, history })
      const reset = createResetPassword({ users: stores.users, otp: createOtpVerifier({ store: stores.otpStore, windows: stores.windows }), policy, hasher })
      // Room for every racer's guess: the old-password budget is tested on its own.
      const change = createChangePassword({ users: stores.users, policy, hasher, windows: stores.windows, oldPasswordBudget: { maxWrong: 1_000 } })
      const code = async (clientId: string) => {
        const sent = (await sendOtp({ clientId, usage: 'reset_password', identifier: alice }))._unsafeUnwrap()
        return { token: sent.otpToken, code: deliveries.at(-1)?.code ?? '' }
      }
      return { ...stores, hasher, reset, change, code }
    }

    it('of 50 concurrent resets with one token and the right code, exactly one succeeds', async () => {
      const { reset, code, users, hasher } = await world()
      const { token, code: otp } = await code('web')
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => reset({ clientId: 'web', password: `Racer-Password-${i}`, identifier: alice, otpToken: token, otp })),
      )
      const winners = results.flatMap((result, i) => (result.isOk() ? [i] : []))
      expect(winners).toHaveLength(1)
      // Losers find the token used, or (while the winner's check holds units of the identifier's
      // guess budget) the budget momentarily full: never anything else.
      for (const result of results) if (result.isErr()) expect(['bad_email_otp_token', 'too_many_requests']).toContain(result.error.code)
      const user = await users.findByIdentifier(alice)
      expect(await hasher.verify(user?.passwordHash ?? '', `Racer-Password-${winners[0]}`)).toBe(true)
      expect(user?.passwordHistory).toHaveLength(1)
    })

    it('two concurrent resets for one user, with codes sent to two clients, both apply and history keeps both', async () => {
      const { reset, code, users, hasher } = await world()
      const web = await code('web')
      const spa = await code('spa')
      const [first, second] = await Promise.all([
        reset({ clientId: 'web', password: 'Web-Chosen-Password-1', identifier: alice, otpToken: web.token, otp: web.code }),
        reset({ clientId: 'spa', password: 'Spa-Chosen-Password-2', identifier: alice, otpToken: spa.token, otp: spa.code }),
      ])
      expect([first.isOk(), second.isOk()]).toEqual([true, true])
      const user = await users.findByIdentifier(alice)
      const hashes = [user?.passwordHash ?? '', ...(user?.passwordHistory ?? [])]
      const holds = async (password: string) => (await Promise.all(hashes.map((hash) => hasher.verify(hash, password)))).includes(true)
      expect(hashes).toHaveLength(3)
      for (const password of ['Initial-Passw0rd!', 'Web-Chosen-Password-1', 'Spa-Chosen-Password-2']) expect(await holds(password)).toBe(true)
    })

    it('of 50 concurrent signed-in changes from the current password, exactly one wins, the others find the old password no longer current, and history holds the one it replaced', async () => {
      const { change, users, hasher } = await world()
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => change({ clientId: 'web', userId: 'alice', oldPassword: 'Initial-Passw0rd!', newPassword: `Changer-Password-${i}` })),
      )
      const winners = results.flatMap((result, i) => (result.isOk() ? [i] : []))
      expect(winners).toHaveLength(1)
      for (const result of results) if (result.isErr()) expect(result.error.code).toBe('wrong_old_password')
      const user = await users.findById('alice')
      expect(await hasher.verify(user?.passwordHash ?? '', `Changer-Password-${winners[0]}`)).toBe(true)
      expect(user?.passwordHistory).toHaveLength(1)
      expect(await hasher.verify(user?.passwordHistory[0] ?? '', 'Initial-Passw0rd!')).toBe(true)
    })

    it('resets and changes racing for one user lose no history entry: every password that was ever current is there once', async () => {
      const { reset, change, code, users, hasher } = await world(30)
      const tokens = []
      for (let i = 0; i < 10; i++) tokens.push(await code(`client-${i}`))
      const results = await Promise.all([
        ...tokens.map(({ token, code: otp }, i) => reset({ clientId: `client-${i}`, password: `Reset-Password-${i}`, identifier: alice, otpToken: token, otp }).map(() => `Reset-Password-${i}`)),
        ...Array.from({ length: 10 }, (_, i) => change({ clientId: 'web', userId: 'alice', oldPassword: 'Initial-Passw0rd!', newPassword: `Change-Password-${i}` }).map(() => `Change-Password-${i}`)),
      ])
      const applied = results.flatMap((result) => (result.isOk() ? [result.value] : []))
      // A reset that lost a race judges again and retries, a bounded number of times; a change
      // whose old password was replaced is refused.
      for (const result of results) if (result.isErr()) expect(['wrong_old_password', 'temporarily_unavailable']).toContain(result.error.code)
      const user = await users.findById('alice')
      const hashes = [user?.passwordHash ?? '', ...(user?.passwordHistory ?? [])]
      expect(hashes).toHaveLength(1 + applied.length)
      for (const password of ['Initial-Passw0rd!', ...applied]) {
        const holders = (await Promise.all(hashes.map((hash) => hasher.verify(hash, password)))).filter(Boolean)
        expect(holders).toHaveLength(1)
      }
    })

    it('a used token stays used: the same code never resets twice, even sequentially', async () => {
      const { reset, code } = await world()
      const { token, code: otp } = await code('web')
      expect((await reset({ clientId: 'web', password: 'First-New-Password-1', identifier: alice, otpToken: token, otp })).isOk()).toBe(true)
      const again = await reset({ clientId: 'web', password: 'Second-New-Password-2', identifier: alice, otpToken: token, otp })
      expect(again._unsafeUnwrapErr().code).toBe('bad_email_otp_token')
    })
  })
}
