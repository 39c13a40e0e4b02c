import type { OtpRecord, OtpStore, OtpUsage } from '@resetkit/core'
import { liveCodeKey } from '@resetkit/core/internal'
import type { Redis } from 'ioredis'
import { guarded, watchConnection, type RedisConnectionListener } from './connection.js'
import { CONSUME, ISSUE, REFUND_ATTEMPT, RELEASE, RESERVE_ATTEMPT } from './scripts.js'

export interface RedisOtpStoreOptions {
  /** Prepended to every key, so several apps (or tests) can share one Redis. Default "resetkit:". */
  readonly prefix?: string
  /** Kept this long past expiry, so a late request reads "expired" rather than "unknown". Default 60 s. */
  readonly graceMs?: number
  /**
   * Told when the connection is lost (once, by error class) and when it is back (with the
   * count of errors in between); one stderr line each by default. While it is down every call
   * rejects with `PortUnavailableError`, which the use cases answer `503 temporarily_unavailable`.
   */
  readonly onConnection?: RedisConnectionListener
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
 * the code are stored) and a pointer to the live token per client/usage/identifier. Every
 * check-and-write is a Lua script, so it is atomic. The send and guess windows are
 * `createRedisWindowBudget`.
 *
 * @example
 * const store = createRedisOtpStore(new Redis(process.env.REDIS_URL), { prefix: 'myapp:resetkit:' })
 */
export function createRedisOtpStore(redis: Redis, options: RedisOtpStoreOptions = {}): OtpStore {
  const prefix = options.prefix ?? 'resetkit:'
  const graceMs = options.graceMs ?? 60_000
  const recordKey = (tokenId: string): string => `${prefix}otp:${tokenId}`
  const liveKey = (record: OtpRecord): string => `${prefix}live:${liveCodeKey(record)}`

  watchConnection(redis, options.onConnection)
  const run = <T>(call: () => Promise<T>): Promise<T> => guarded(redis, call)

  return {
    async issue(record) {
      // TTL from the record's own times, so the app's clock and Redis's need not agree.
      const ttlMs = Math.max(1, record.expiresAt - record.issuedAt + graceMs)
      await run(() => redis.eval(ISSUE, 2, recordKey(record.tokenId), liveKey(record), record.tokenId, ttlMs, ...Object.entries(toFields(record)).flat(), `${prefix}otp:`))
    },
    async findByTokenId(tokenId) {
      const fields = await run(() => redis.hgetall(recordKey(tokenId)))
      return Object.keys(fields).length === 0 ? null : fromFields(tokenId, fields)
    },
    async reserveAttempt(tokenId, maxAttempts) {
      return (await run(() => redis.eval(RESERVE_ATTEMPT, 1, recordKey(tokenId), maxAttempts))) === 1
    },
    async refundAttempt(tokenId) {
      await run(() => redis.eval(REFUND_ATTEMPT, 1, recordKey(tokenId)))
    },
    async consume(tokenId, now) {
      return (await run(() => redis.eval(CONSUME, 1, recordKey(tokenId), now))) === 1
    },
    async release(tokenId) {
      await run(() => redis.eval(RELEASE, 1, recordKey(tokenId)))
    },
  }
}
