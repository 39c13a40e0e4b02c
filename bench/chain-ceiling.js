// The most a reset at concurrency 1 can keep of the bound from its hashing alone. One reset at
// a time is a chain: its N + 1 argon2id runs go out as one task per thread (the hasher's own
// split, `sharesOf`), and the reset waits for the last share to finish. When the cores hash at
// different rates, the bound (every core busy) does more in that time than the one reset does.
import { sharesOf } from '../packages/adapters-node/dist/argon2-shares.js'

/**
 * `history` comparisons plus the new hash, split as the hasher splits them over
 * `threadRates.length` threads (runs per second each), the largest share on the fastest thread:
 * the bound's time per reset over the time the shares take. 1 when the cores are equal and the
 * runs divide evenly; nothing else in the chain (requests, the strength check) is counted.
 */
export function chainCeiling(history, threadRates) {
  const shares = sharesOf(Array.from({ length: history }, () => ''), threadRates.length)
  const runs = shares.map((share, i) => share.length + (i === shares.length - 1 ? 1 : 0)).sort((a, b) => b - a)
  const fastestFirst = [...threadRates].sort((a, b) => b - a)
  const sharesSeconds = Math.max(...runs.map((count, i) => count / fastestFirst[i]))
  const boundSecondsPerReset = (history + 1) / threadRates.reduce((sum, rate) => sum + rate, 0)
  return boundSecondsPerReset / sharesSeconds
}
