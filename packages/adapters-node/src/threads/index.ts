/**
 * `@resetkit/adapters-node/threads`: argon2id and zxcvbn on one set of worker threads, one per
 * core, instead of a set for each. Every thread hashes; the first also checks strength, ahead
 * of the hashes queued for it, and is the only one holding zxcvbn's dictionaries.
 */
import type { StrengthEstimator, StrengthScore } from '@resetkit/core'
import { availableParallelism } from 'node:os'
import { OWASP_ARGON2ID, type Argon2Hasher, type Argon2Params } from '../argon2.js'
import { argon2HasherOn, type Argon2Answer } from '../argon2-on-threads.js'
import { createWorkerPool } from '../pool/worker-pool.js'
import type { ZxcvbnOptions } from '../zxcvbn/estimator.js'
import { CHECKING_THREAD_HEAP, zxcvbnEstimatorOn } from '../zxcvbn/worker-estimator.js'
import type { ThreadTask } from './thread-task.js'

export interface WorkerThreadsOptions {
  /** Threads, each hashing one password at a time (19 MiB each with OWASP's argon2id). Default: one per core. */
  readonly threads?: number
  readonly argon2?: Argon2Params
  readonly zxcvbn?: ZxcvbnOptions
}

export interface WorkerThreads {
  readonly hasher: Argon2Hasher
  readonly estimator: StrengthEstimator
  /** Stops the threads; what is queued or running is rejected. */
  close(): Promise<void>
}

/**
 * One worker thread per core for both CPU-heavy ports, each at lowered priority (nice +10 on
 * Linux) so the event loop wins the CPU whenever it has work. A thread costs ~9 MiB before it
 * does anything (its V8 isolate, Node's bootstrap, its libuv loop): sharing them saves the
 * zxcvbn thread `createZxcvbnWorkerEstimator` would add beside `createArgon2WorkerHasher`'s.
 * A strength check waits at most for the hash tasks its thread already holds (the one running,
 * and one more while every thread has work waiting, when a task may be a whole reset's runs),
 * never behind the queue.
 *
 * @example
 * const { hasher, estimator, close } = createWorkerThreads()
 * const policy = createPasswordPolicy({ strength: { minScore: 3, estimator }, commonPasswords: { list: commonPasswordList } })
 * // on shutdown: await close()
 */
export function createWorkerThreads(options: WorkerThreadsOptions = {}): WorkerThreads {
  const threads = options.threads ?? availableParallelism()
  // zxcvbn's limits: the checking thread needs them, and the others' heaps stay far below.
  const pool = createWorkerPool<ThreadTask, Argon2Answer | StrengthScore>(new URL('./thread-task.js', import.meta.url), { threads, resourceLimits: CHECKING_THREAD_HEAP })
  return {
    hasher: argon2HasherOn({ run: (task) => pool.run(task) as Promise<Argon2Answer>, threads, waitingTasks: () => pool.waitingTasks() }, options.argon2 ?? OWASP_ARGON2ID),
    estimator: zxcvbnEstimatorOn((task) => pool.runOnFirstThread({ op: 'estimate', ...task }) as Promise<StrengthScore>, options.zxcvbn),
    close: () => pool.close(),
  }
}
