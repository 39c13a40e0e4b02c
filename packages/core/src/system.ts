// The default implementations of the Clock and RandomSource ports: the only place in core that
// reads the wall clock or the system's random source.
import { getRandomValues } from 'node:crypto'
import { createPooledRandom } from './crypto/pooled-random.js'
import type { Clock, RandomSource } from './ports.js'

export const systemClock: Clock = { now: () => Date.now() }

/** The system CSPRNG, drawn a pool at a time (`createPooledRandom` says why). */
export const systemRandom: RandomSource = createPooledRandom((bytes) => {
  getRandomValues(bytes)
})
