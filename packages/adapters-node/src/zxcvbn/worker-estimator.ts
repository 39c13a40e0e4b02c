import type { StrengthEstimator } from '@resetkit/core'
import { SAFE_ZXCVBN_OPTIONS, type ZxcvbnOptions } from './estimator.js'
import type { EstimateTask } from './worker.js'
import { createWorkerPool } from '../pool/worker-pool.js'

export interface ZxcvbnWorkerOptions extends ZxcvbnOptions {
  /** Worker threads; each holds its own dictionaries and their index (~35 MiB of heap). Default 1. */
  readonly threads?: number
}

export interface ZxcvbnWorkerEstimator extends StrengthEstimator {
  /** Stops the worker threads. */
  close(): Promise<void>
}

/**
 * zxcvbn-ts in worker threads, so no password, however adversarial, blocks the
 * event loop. Node only.
 *
 * @example
 * const policy = createPasswordPolicy({ strength: { minScore: 3, estimator: createZxcvbnWorkerEstimator() }, commonPasswords: { list: commonPasswordList } })
 */
export function createZxcvbnWorkerEstimator(options: ZxcvbnWorkerOptions = {}): ZxcvbnWorkerEstimator {
  const threads = options.threads ?? 1
  const pool = createWorkerPool<EstimateTask, 0 | 1 | 2 | 3 | 4>(new URL('./worker.js', import.meta.url), { threads })
  const maxLength = options.maxLength ?? SAFE_ZXCVBN_OPTIONS.maxLength
  const l33tMaxSubstitutions = options.l33tMaxSubstitutions ?? SAFE_ZXCVBN_OPTIONS.l33tMaxSubstitutions
  return {
    estimate: (password, userInputs) =>
      pool.run({ password, userInputs: [...userInputs], maxLength, l33tMaxSubstitutions }),
    close: () => pool.close(),
  }
}
