import type { RandomSource } from '../ports.js'

/** How many bytes one draw from the system's generator fills; a send takes ~40. */
export const RANDOM_POOL_BYTES = 1024

/**
 * A RandomSource that draws from `fill` (the system CSPRNG) a pool at a time and hands each byte
 * out once. Why: every draw from Node's generator costs a system call (OpenSSL checks its process
 * id on each), several µs on a virtual machine, and a send draws twice. Node's own `randomUUID`
 * and `randomInt` keep such a cache for the same reason. A byte handed out is zeroed in the pool,
 * and the caller gets a copy, so what the pool holds is only bytes nobody has seen yet; requests
 * larger than a quarter of the pool bypass it.
 */
export function createPooledRandom(fill: (bytes: Uint8Array) => void, poolBytes: number = RANDOM_POOL_BYTES): RandomSource {
  const pool = new Uint8Array(poolBytes)
  // Everything before `next` has been handed out (and zeroed): a new pool starts empty.
  let next = poolBytes
  return {
    bytes(length) {
      if (length > poolBytes / 4) {
        const direct = new Uint8Array(length)
        fill(direct)
        return direct
      }
      if (next + length > poolBytes) {
        fill(pool)
        next = 0
      }
      const taken = pool.slice(next, next + length)
      pool.fill(0, next, next + length)
      next += length
      return taken
    },
  }
}
