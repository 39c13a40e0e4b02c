/**
 * `@resetkit/adapters-node/argon2`: the argon2id password hasher, in worker threads or on libuv's
 * pool. Its own package so the pure core never loads a native module.
 */
import { hash, verify } from '@node-rs/argon2'
import { ARGON2ID } from './argon2-id.js'
import { availableParallelism } from 'node:os'
import type { Argon2Task } from './argon2-task.js'
import { argon2HasherOn, isArgon2, needsRehashFor, type Argon2Answer } from './argon2-on-threads.js'
import { createWorkerPool } from './pool/worker-pool.js'
import type { PasswordHasher } from '@resetkit/core'

export interface Argon2Params {
  /** KiB of memory per hash. */
  readonly memoryCost: number
  readonly timeCost: number
  readonly parallelism: number
}

/** OWASP Password Storage Cheat Sheet's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const OWASP_ARGON2ID: Argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export interface Argon2Hasher extends PasswordHasher {
  /** True when `encoded` was made with other parameters (or another algorithm) than ours. */
  needsRehash(encoded: string): boolean
}


/**
 * argon2id on libuv's thread pool (4 threads by default): simple, for scripts and tests. On a
 * small machine its threads compete with the event loop for CPU; servers should prefer
 * `createArgon2WorkerHasher`.
 *
 * @example
 * const hasher = createArgon2Hasher()           // OWASP defaults
 * const stored = await hasher.hash('correct horse battery staple')
 * await hasher.verify(stored, 'correct horse battery staple') // true
 */
export function createArgon2Hasher(params: Argon2Params = OWASP_ARGON2ID): Argon2Hasher {
  const options = { algorithm: ARGON2ID, ...params }
  return {
    hash: (password) => hash(password, options),
    verify: async (encoded, password) => isArgon2(encoded) && verify(encoded, password),
    needsRehash: needsRehashFor(params),
  }
}

/**
 * argon2id allocates its 19 MiB outside the JS heap; the threads' own heaps stay tiny, so a
 * small young generation (V8's default grows to 32 MiB a thread) is all they need. No
 * old-generation cap: a worker that reaches one dies, and on Node 20 that death has aborted the
 * whole process (an assertion in NodePlatform::ForIsolate, seen with the zxcvbn thread capped at 8 MiB).
 */
const ARGON2_THREAD_HEAP = { maxYoungGenerationSizeMb: 2 }

export interface Argon2WorkerHasher extends Argon2Hasher {
  /** Stops the worker threads. */
  close(): Promise<void>
}

/**
 * argon2id in one worker thread per core, each at lowered thread priority (nice +10 on Linux):
 * every core hashes while the server is otherwise idle, yet the event-loop thread wins the CPU
 * whenever it has work, so hashing does not show up as event-loop delay.
 *
 * @example
 * const hasher = createArgon2WorkerHasher()     // OWASP parameters, one thread per core
 */
export function createArgon2WorkerHasher(
  params: Argon2Params = OWASP_ARGON2ID,
  { threads = availableParallelism() }: { threads?: number } = {},
): Argon2WorkerHasher {
  const pool = createWorkerPool<Argon2Task, Argon2Answer>(new URL('./argon2-task.js', import.meta.url), { threads, resourceLimits: ARGON2_THREAD_HEAP })
  return { ...argon2HasherOn({ run: (task) => pool.run(task), threads, waitingTasks: () => pool.waitingTasks() }, params), close: () => pool.close() }
}
