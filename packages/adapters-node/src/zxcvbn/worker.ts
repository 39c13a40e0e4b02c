// Runs inside a pool thread: one zxcvbn instance per thread, loaded once, at lowered
// thread priority so estimating never starves the event loop of CPU.
import { lowerThisThreadPriority } from '../cpu/lower-priority.js'
import { answerFromThread } from '../pool/one-answer-thread.js'
import { loadZxcvbnPreparedBy, type PreparedZxcvbn, type ZxcvbnOptions } from './estimator.js'
import type { StrengthScore } from '@resetkit/core'

export interface EstimateTask {
  readonly password: string
  readonly userInputs: readonly string[]
  readonly maxLength: number
  readonly l33tMaxSubstitutions: number
}

lowerThisThreadPriority()

// Most of what loading allocates lives until the thread ends (word lists, then ranked
// dictionaries, then the packed index), so a young generation bigger than 8 MiB only adds to
// the peak: ~35 MiB lower here, and no slower.
const LOADER_HEAP = { maxYoungGenerationSizeMb: 8 }

/** The heavy part of loading, in a thread that ends once it has answered (it inherits our priority). */
const prepareInLoaderThread = (options: ZxcvbnOptions): Promise<PreparedZxcvbn> =>
  answerFromThread('zxcvbn loader', new URL('./loader-thread.js', import.meta.url), { workerData: options, resourceLimits: LOADER_HEAP })

type Check = (password: string, userInputs: string[]) => StrengthScore
let check: Promise<Check> | undefined

export default function estimate(task: EstimateTask): Promise<StrengthScore> {
  check ??= loadZxcvbnPreparedBy(prepareInLoaderThread, { maxLength: task.maxLength, l33tMaxSubstitutions: task.l33tMaxSubstitutions }).then(
    ({ zxcvbn }) => (password, userInputs) => zxcvbn.check(password, userInputs).score,
    (error: unknown) => {
      check = undefined // a failed load is tried again by the next check, never cached
      throw error
    },
  )
  return check.then((run) => run(task.password, [...task.userInputs]))
}
