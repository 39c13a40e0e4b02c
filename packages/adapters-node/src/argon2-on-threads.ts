// The argon2id hasher over any threads that run argon2-task.ts: its own pool's, or the shared
// worker threads' (threads/index.ts). Internal: not in the package's exports.
import type { Argon2Hasher, Argon2Params } from './argon2.js'
import { sharesOf } from './argon2-shares.js'
import type { Argon2Task, BatchAnswer } from './argon2-task.js'

const PHC_PREFIX = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/

export function needsRehashFor(params: Argon2Params): (encoded: string) => boolean {
  return (encoded) => {
    const match = PHC_PREFIX.exec(encoded)
    if (match === null) return true
    const [, m, t, p] = match.map(Number)
    return m !== params.memoryCost || t !== params.timeCost || p !== params.parallelism
  }
}

// A malformed stored hash is a non-match for this password, not an outage.
export const isArgon2 = (encoded: string): boolean => encoded.startsWith('$argon2')

export type Argon2Answer = string | boolean | BatchAnswer

/** The threads an `Argon2Task` runs on: how to hand one over, how many there are, and how many tasks wait for them. */
export interface Argon2Threads {
  readonly run: (task: Argon2Task) => Promise<Argon2Answer>
  readonly threads: number
  readonly waitingTasks: () => number
}

/** The hasher over threads that run `Argon2Task`s. */
export function argon2HasherOn({ run, threads, waitingTasks }: Argon2Threads, params: Argon2Params): Argon2Hasher {
  return {
    hash: async (password) => (await run({ op: 'hash', password, ...params })) as string,
    verify: async (encoded, password) => isArgon2(encoded) && (await run({ op: 'verify', encoded, password })) === true,
    // A reset's N comparisons and its hash as one task per thread rather than N + 1 hand-offs,
    // so the reset finishes sooner, unless a task already waits for every thread: then the
    // shares would only queue behind those as the whole does, and each one more costs the event
    // loop a hand-off and an answer, so the runs go as one task.
    hashAndCompare: async (password, previous) => {
      const shares = sharesOf(previous.filter(isArgon2), waitingTasks() >= threads ? 1 : threads)
      const answers = (await Promise.all(shares.map((compare, i) => run({ op: 'batch', password, compare, hash: i === shares.length - 1, ...params })))) as BatchAnswer[]
      const newHash = answers.at(-1)?.hash
      if (newHash === undefined) throw new Error('argon2id batch answered without the hash it was asked for')
      return { hash: newHash, reused: answers.some((answer) => answer.reused) }
    },
    needsRehash: needsRehashFor(params),
  }
}
