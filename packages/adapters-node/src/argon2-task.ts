// Runs inside a pool thread: argon2id at lowered thread priority, so hashing never starves
// the event loop of CPU on a small machine.
import { hashSync, verifySync } from '@node-rs/argon2'
import { ARGON2ID } from './argon2-id.js'
import { lowerThisThreadPriority } from './cpu/lower-priority.js'

lowerThisThreadPriority()

export type Argon2Task =
  | { readonly op: 'hash'; readonly password: string; readonly memoryCost: number; readonly timeCost: number; readonly parallelism: number }
  | { readonly op: 'verify'; readonly encoded: string; readonly password: string }

export default function run(task: Argon2Task): string | boolean {
  if (task.op === 'verify') return verifySync(task.encoded, task.password)
  return hashSync(task.password, { algorithm: ARGON2ID, memoryCost: task.memoryCost, timeCost: task.timeCost, parallelism: task.parallelism })
}
