// Runs inside a pool thread: one zxcvbn instance per thread, loaded once, at lowered
// thread priority so estimating never starves the event loop of CPU.
import { lowerThisThreadPriority } from '../cpu/lower-priority.js'
import { createZxcvbnEstimator } from './estimator.js'
import type { StrengthScore } from '@resetkit/core'

export interface EstimateTask {
  readonly password: string
  readonly userInputs: readonly string[]
  readonly maxLength: number
  readonly l33tMaxSubstitutions: number
}

lowerThisThreadPriority()

let estimator: ReturnType<typeof createZxcvbnEstimator> | undefined

export default function estimate(task: EstimateTask): Promise<StrengthScore> {
  estimator ??= createZxcvbnEstimator({ maxLength: task.maxLength, l33tMaxSubstitutions: task.l33tMaxSubstitutions })
  return estimator.estimate(task.password, task.userInputs)
}
