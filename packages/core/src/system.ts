// The default implementations of the Clock and RandomSource ports: the only place in core that
// reads the wall clock or the system's random source.
import { getRandomValues } from 'node:crypto'
import type { Clock, RandomSource } from './ports.js'

export const systemClock: Clock = { now: () => Date.now() }

export const systemRandom: RandomSource = {
  bytes: (length) => getRandomValues(new Uint8Array(length)),
}
