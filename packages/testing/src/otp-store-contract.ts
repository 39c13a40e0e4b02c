import { beforeEach, describe, expect, it } from 'vitest'
import type { OtpRecord, OtpStore } from '@resetkit/core'

export interface OtpStoreContractOptions {
  readonly name: string
  /** A fresh, empty store for each test. */
  readonly make: () => OtpStore | Promise<OtpStore>
}

const T0 = Date.UTC(2026, 0, 1)
const MINUTE = 60_000

const record = (overrides: Partial<OtpRecord> = {}): OtpRecord => ({
  tokenId: 'token-a',
  clientId: 'client-1',
  usage: 'reset_password',
  identifier: { channel: 'email', value: 'alice@example.com' },
  codeHash: 'code-hash',
  issuedAt: T0,
  expiresAt: T0 + 5 * MINUTE,
  attempts: 0,
  consumed: false,
  ...overrides,
})

const parallel = <T>(count: number, run: () => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: count }, run))

/**
 * The behaviour every `OtpStore` must have, including the security properties that only hold
 * if the store is atomic: single use and exact attempt counting under concurrency.
 *
 * @example
 * describeOtpStoreContract({ name: 'memory', make: createMemoryOtpStore })
 */
export function describeOtpStoreContract({ name, make }: OtpStoreContractOptions): void {
  describe(`OtpStore contract: ${name}`, () => {
    let store: OtpStore
    beforeEach(async () => {
      store = await make()
    })

    it('finds an issued record by token id, and nothing for an unknown one', async () => {
      await store.issue(record())
      expect(await store.findByTokenId('token-a')).toEqual(record())
      expect(await store.findByTokenId('token-unknown')).toBeNull()
    })

    it('a new code for the same client, usage and identifier retires the old token', async () => {
      await store.issue(record())
      await store.issue(record({ tokenId: 'token-b' }))
      expect(await store.findByTokenId('token-a')).toBeNull()
      expect((await store.findByTokenId('token-b'))?.tokenId).toBe('token-b')
    })

    it('codes for another client, usage or identifier stay live side by side', async () => {
      await store.issue(record())
      await store.issue(record({ tokenId: 'token-client', clientId: 'client-2' }))
      await store.issue(record({ tokenId: 'token-usage', usage: 'login' }))
      await store.issue(record({ tokenId: 'token-phone', identifier: { channel: 'phone_number', value: '+8613800000001' } }))
      for (const id of ['token-a', 'token-client', 'token-usage', 'token-phone']) {
        expect(await store.findByTokenId(id)).not.toBeNull()
      }
    })

    it('attempts are reserved up to the limit, and a refund gives one back', async () => {
      await store.issue(record())
      expect(await store.reserveAttempt('token-a', 2)).toBe(true)
      expect(await store.reserveAttempt('token-a', 2)).toBe(true)
      expect(await store.reserveAttempt('token-a', 2)).toBe(false)
      expect((await store.findByTokenId('token-a'))?.attempts).toBe(2)
      await store.refundAttempt('token-a')
      expect(await store.reserveAttempt('token-a', 2)).toBe(true)
    })

    it('50 parallel attempts are counted exactly, and never past the limit', async () => {
      await store.issue(record())
      await store.issue(record({ tokenId: 'token-b', clientId: 'client-2' }))
      const unlimited = await parallel(50, () => store.reserveAttempt('token-a', 1000))
      expect(unlimited.every(Boolean)).toBe(true)
      expect((await store.findByTokenId('token-a'))?.attempts).toBe(50)
      const limited = await parallel(50, () => store.reserveAttempt('token-b', 5))
      expect(limited.filter(Boolean)).toHaveLength(5)
      expect((await store.findByTokenId('token-b'))?.attempts).toBe(5)
    })

    it('a token is consumed once; release makes it usable again', async () => {
      await store.issue(record())
      expect(await store.consume('token-a', T0 + MINUTE)).toBe(true)
      expect(await store.consume('token-a', T0 + MINUTE)).toBe(false)
      expect((await store.findByTokenId('token-a'))?.consumed).toBe(true)
      await store.release('token-a')
      expect(await store.consume('token-a', T0 + MINUTE)).toBe(true)
    })

    it('of 50 parallel consumes of one token, exactly one wins', async () => {
      await store.issue(record())
      const won = await parallel(50, () => store.consume('token-a', T0 + MINUTE))
      expect(won.filter(Boolean)).toHaveLength(1)
    })

    it('an expired or unknown token cannot be consumed or counted', async () => {
      await store.issue(record())
      expect(await store.consume('token-a', T0 + 5 * MINUTE)).toBe(false)
      expect(await store.consume('token-unknown', T0)).toBe(false)
      expect(await store.reserveAttempt('token-unknown', 5)).toBe(false)
      await expect(store.release('token-unknown')).resolves.toBeUndefined()
      await expect(store.refundAttempt('token-unknown')).resolves.toBeUndefined()
    })
  })
}
