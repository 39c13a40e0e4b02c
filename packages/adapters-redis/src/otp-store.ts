import type { OtpRecord, OtpStore, OtpUsage } from '@resetkit/core'
import type { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { CONSUME, ISSUE, REFUND_ATTEMPT, RELEASE, RESERVE_ATTEMPT, RESERVE_IN_WINDOW } from './scripts.js'

export interface RedisOtpStoreOptions {
  /** Prepended to every key, so several apps (or tests) can share one Redis. Default "resetkit:". */
  readonly prefix?: string
  /** Kept this long past expiry, so a late request reads "expired" rather than "unknown". Default 60 s. */
  readonly graceMs?: number
}

type Fields = Record<string, string>

const toFields = (record: OtpRecord): Fields => ({
  clientId: record.clientId,
  usage: record.usage,
  channel: record.identifier.channel,
  identifier: record.identifier.value,
  codeHash: record.codeHash,
  issuedAt: String(record.issuedAt),
  expiresAt: String(record.expiresAt),
  attempts: String(record.attempts),
  consumed: record.consumed ? '1' : '0',
})

function fromFields(tokenId: string, fields: Fields): OtpRecord | null {
  const { clientId, usage, channel, identifier, codeHash, issuedAt, expiresAt, attempts, consumed } = fields
  if (clientId === undefined || usage === undefined || identifier === undefined || codeHash === undefined) return null
  return {
    tokenId,
    clientId,
    usage: usage as OtpUsage,
    identifier: channel === 'phone_number' ? { channel: 'phone_number', value: identifier } : { channel: 'email', value: identifier },
    codeHash,
    issuedAt: Number(issuedAt),
    expiresAt: Number(expiresAt),
    attempts: Number(attempts),
    consumed: consumed === '1',
  }
}

/**
 * OTP state in Redis, shared by every instance: one hash per token (only hashes of the token and
 * the code are stored), a pointer to the live token per client/usage/identifier, and a sorted set
 * of send times per identifier. Every check-and-write is a Lua script, so it is atomic.
 *
 * @example
 * const store = createRedisOtpStore(new Redis(process.env.REDIS_URL), { prefix: 'myapp:resetkit:' })
 */
export function createRedisOtpStore(redis: Redis, options: RedisOtpStoreOptions = {}): OtpStore {
  const prefix = options.prefix ?? 'resetkit:'
  const graceMs = options.graceMs ?? 60_000
  const recordKey = (tokenId: string): string => `${prefix}otp:${tokenId}`
  const liveKey = (record: OtpRecord): string =>
    `${prefix}live:${JSON.stringify([record.clientId, record.usage, record.identifier.channel, record.identifier.value])}`

  return {
    async issue(record) {
      // TTL from the record's own times, so the app's clock and Redis's need not agree.
      const ttlMs = Math.max(1, record.expiresAt - record.issuedAt + graceMs)
      await redis.eval(ISSUE, 2, recordKey(record.tokenId), liveKey(record), record.tokenId, ttlMs, ...Object.entries(toFields(record)).flat(), `${prefix}otp:`)
    },
    async findByTokenId(tokenId) {
      const fields = await redis.hgetall(recordKey(tokenId))
      return Object.keys(fields).length === 0 ? null : fromFields(tokenId, fields)
    },
    async reserveAttempt(tokenId, maxAttempts) {
      return (await redis.eval(RESERVE_ATTEMPT, 1, recordKey(tokenId), maxAttempts)) === 1
    },
    async refundAttempt(tokenId) {
      await redis.eval(REFUND_ATTEMPT, 1, recordKey(tokenId))
    },
    async consume(tokenId, now) {
      return (await redis.eval(CONSUME, 1, recordKey(tokenId), now)) === 1
    },
    async release(tokenId) {
      await redis.eval(RELEASE, 1, recordKey(tokenId))
    },
    async reserveSend({ key, now, cooldownMs, maxPerWindow, windowMs }) {
      const [allowed, retryAfterMs] = (await redis.eval(RESERVE_IN_WINDOW, 1, `${prefix}sends:${key}`, now, cooldownMs, maxPerWindow, windowMs, `${now}:${randomUUID()}`)) as [number, number]
      return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs }
    },
    async reserveGuess({ key, now, maxPerWindow, windowMs }) {
      const id = `${now}:${randomUUID()}`
      const [allowed, retryAfterMs] = (await redis.eval(RESERVE_IN_WINDOW, 1, `${prefix}guesses:${key}`, now, 0, maxPerWindow, windowMs, id)) as [number, number]
      return allowed === 1 ? { allowed: true, id } : { allowed: false, retryAfterMs }
    },
    async refundGuess(key, id) {
      await redis.zrem(`${prefix}guesses:${key}`, id)
    },
  }
}
