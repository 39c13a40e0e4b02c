// Runs inside a pool thread: argon2id at lowered thread priority, so hashing never starves
// the event loop of CPU on a small machine.
import { hashSync, verifySync } from '@node-rs/argon2'
import { ARGON2ID } from './argon2-id.js'
import { lowerThisThreadPriority } from './cpu/lower-priority.js'

lowerThisThreadPriority()

interface HashParams {
  readonly memoryCost: number
  readonly timeCost: number
  readonly parallelism: number
}

export type Argon2Task =
  | ({ readonly op: 'hash'; readonly password: string } & HashParams)
  | { readonly op: 'verify'; readonly encoded: string; readonly password: string }
  /** One thread's share of a hashAndCompare: these comparisons, then the hash if asked. */
  | ({ readonly op: 'batch'; readonly password: string; readonly compare: readonly string[]; readonly hash: boolean } & HashParams)

export interface BatchAnswer {
  readonly reused: boolean
  readonly hash?: string
}

const hashWith = (password: string, params: HashParams): string =>
  hashSync(password, { algorithm: ARGON2ID, memoryCost: params.memoryCost, timeCost: params.timeCost, parallelism: params.parallelism })

export default function run(task: Argon2Task): string | boolean | BatchAnswer {
  if (task.op === 'verify') return verifySync(task.encoded, task.password)
  if (task.op === 'hash') return hashWith(task.password, task)
  // Every comparison runs, match or not: the same work for any history.
  let reused = false
  for (const encoded of task.compare) if (verifySync(encoded, task.password)) reused = true
  return task.hash ? { reused, hash: hashWith(task.password, task) } : { reused }
}
