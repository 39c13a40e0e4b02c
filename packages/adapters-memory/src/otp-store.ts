import type { OtpRecord, OtpStore } from '@resetkit/core'
import { liveCodeKey } from '@resetkit/core/internal'

export interface MemoryOtpStore extends OtpStore {
  /** Records held, live or not yet swept (for memory tests). */
  size(): number
}

// Sweeping expired records on every issue would be O(n) per send; every 256th keeps it amortised.
const SWEEP_EVERY = 256

/**
 * OTP state in Maps. Every method does its read-check-write with no await in between, so each
 * is atomic against concurrent calls, like a Redis script or a row lock.
 */
export function createMemoryOtpStore(): MemoryOtpStore {
  const records = new Map<string, OtpRecord>()
  const liveTokenIds = new Map<string, string>()
  let issued = 0

  const sweep = (now: number): void => {
    for (const [tokenId, record] of records) {
      if (record.expiresAt <= now) {
        records.delete(tokenId)
        if (liveTokenIds.get(liveCodeKey(record)) === tokenId) liveTokenIds.delete(liveCodeKey(record))
      }
    }
  }

  const update = (tokenId: string, change: (record: OtpRecord) => OtpRecord | undefined): boolean => {
    const record = records.get(tokenId)
    const next = record === undefined ? undefined : change(record)
    if (next === undefined) return false
    records.set(tokenId, Object.freeze(next))
    return true
  }

  return {
    size: () => records.size,
    async issue(record) {
      if (++issued % SWEEP_EVERY === 0) sweep(record.issuedAt)
      const key = liveCodeKey(record)
      const previous = liveTokenIds.get(key)
      if (previous !== undefined) records.delete(previous)
      liveTokenIds.set(key, record.tokenId)
      records.set(record.tokenId, Object.freeze({ ...record }))
    },
    async findByTokenId(tokenId) {
      return records.get(tokenId) ?? null
    },
    async reserveAttempt(tokenId, maxAttempts) {
      return update(tokenId, (r) => (r.attempts < maxAttempts ? { ...r, attempts: r.attempts + 1 } : undefined))
    },
    async refundAttempt(tokenId) {
      update(tokenId, (r) => ({ ...r, attempts: Math.max(0, r.attempts - 1) }))
    },
    async consume(tokenId, now) {
      return update(tokenId, (r) => (!r.consumed && now < r.expiresAt ? { ...r, consumed: true } : undefined))
    },
    async release(tokenId) {
      update(tokenId, (r) => ({ ...r, consumed: false }))
    },
  }
}
