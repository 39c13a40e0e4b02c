import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import type { RateLimiter } from './ports.js'

/** The part of a rate-limiter-flexible limiter (any store: memory, Redis, Postgres…) we use. */
export interface FlexibleLimiter {
  consume(key: string, points?: number): Promise<RateLimiterRes>
}

/**
 * Wraps any rate-limiter-flexible limiter. It rejects with a RateLimiterRes when the key is over
 * its budget and with an Error when its store fails; only the first is a decision.
 *
 * @example
 * const perIdentifier = fromRateLimiterFlexible(new RateLimiterRedis({ storeClient: redis, points: 20, duration: 900 }))
 */
export function fromRateLimiterFlexible(limiter: FlexibleLimiter): RateLimiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key)
        return { allowed: true }
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) return { allowed: false, retryAfterMs: outcome.msBeforeNext }
        throw outcome
      }
    },
  }
}

export interface RateLimitWindow {
  readonly limit: number
  readonly windowSeconds: number
}

/** A per-process limiter; fine for one instance, use a shared store for several. */
export function createMemoryRateLimiter({ limit, windowSeconds }: RateLimitWindow): RateLimiter {
  return fromRateLimiterFlexible(new RateLimiterMemory({ points: limit, duration: windowSeconds }))
}

export interface RateLimits {
  /** Keyed by client IP (IPv6 by its /56); needs the transport to know the IP. */
  readonly perIp?: RateLimiter
  /** Keyed by the normalised email or phone number the body names. */
  readonly perIdentifier?: RateLimiter
}

/** 60 requests a minute per IP and 20 per 15 minutes per identifier, in memory. */
export function createDefaultRateLimits(): RateLimits {
  return {
    perIp: createMemoryRateLimiter({ limit: 60, windowSeconds: 60 }),
    perIdentifier: createMemoryRateLimiter({ limit: 20, windowSeconds: 900 }),
  }
}

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/
const HEX_GROUP = /^[0-9a-f]{1,4}$/i

/** Expands an IPv6 address to its eight 16-bit groups, or null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  const [head = '', tail, extra] = address.split('::')
  if (extra !== undefined) return null
  // Strict hex groups: parseInt alone would read `8g` as 8 and `12345` as 0x1234.
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => (HEX_GROUP.test(group) ? Number.parseInt(group, 16) : Number.NaN)))
  const left = parse(head)
  const right = tail === undefined ? [] : parse(tail)
  // `::` stands for at least one group of zeros.
  if (tail !== undefined && left.length + right.length > 7) return null
  const groups = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right]
  return groups.length === 8 && groups.every((group) => !Number.isNaN(group)) ? groups : null
}

/**
 * The key a client IP is counted under. One IPv6 customer usually holds a whole /56 (or more), so
 * counting single IPv6 addresses would let one client rotate through 2^72 of them.
 */
export function ipRateLimitKey(ip: string): string {
  return networkKey(ip, false)
}

/**
 * The network a send is counted under for the delivery budgets: an IPv4 /24, an IPv6 /56.
 * Sending is the costly act, so one host's neighbours share its budget.
 */
export function sourceNetworkOf(ip: string): string {
  return networkKey(ip, true)
}

function networkKey(ip: string, v4Network: boolean): string {
  const address = ip.replace(/%.*$/, '')
  const v4 = IPV4_MAPPED.exec(address)?.[1] ?? (IPV4.test(address) ? address : undefined)
  if (v4 !== undefined) return v4Network ? `ip:${v4.split('.').slice(0, 3).join('.')}.0/24` : `ip:${v4}`
  const groups = ipv6Groups(address)
  if (groups === null) return `ip:${address}`
  const [a = 0, b = 0, c = 0, d = 0] = groups
  return `ip6:${[a, b, c, d & 0xff00].map((group) => group.toString(16)).join(':')}::/56`
}
