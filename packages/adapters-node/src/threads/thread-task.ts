// The task module of the shared worker threads: argon2id on any of them, zxcvbn checks on the
// first (the only one that loads zxcvbn's dictionaries). Both lower the thread's priority.
import runArgon2, { type Argon2Task } from '../argon2-task.js'
import estimate, { type EstimateTask } from '../zxcvbn/worker.js'

export type ThreadTask = Argon2Task | ({ readonly op: 'estimate' } & EstimateTask)

export default function run(task: ThreadTask): ReturnType<typeof runArgon2> | ReturnType<typeof estimate> {
  return task.op === 'estimate' ? estimate(task) : runArgon2(task)
}
