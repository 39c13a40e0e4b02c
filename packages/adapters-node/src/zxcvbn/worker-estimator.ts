import type { StrengthEstimator, StrengthScore } from '@resetkit/core'
import { SAFE_ZXCVBN_OPTIONS, type ZxcvbnOptions } from './estimator.js'
import type { EstimateTask } from './worker.js'
import { createWorkerPool } from '../pool/worker-pool.js'

export interface ZxcvbnWorkerOptions extends ZxcvbnOptions {
  /** Worker threads; each holds its own packed dictionary index (~7 MiB). Default 1. */
  readonly threads?: number
}

// The word lists are loaded and packed in a thread of its own that then ends (loader-thread.ts);
// this one only checks. A check's garbage is short-lived: V8's default young generation grows
// to 32 MiB a thread, and 8 measured as fast here with ~10 MiB less resident. The old
// generation's cap is what makes V8 collect it before it has grown: ~20 MiB less resident after
// 4,000 checks. It is far above what a check keeps (~10 MiB: at 8 MiB a thread died, and on
// Node 20 that death aborted the process; 12 held through 3 × 436 adversarial passwords).
export const CHECKING_THREAD_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 }

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
  const pool = createWorkerPool<EstimateTask, StrengthScore>(new URL('./worker.js', import.meta.url), { threads: options.threads ?? 1, resourceLimits: CHECKING_THREAD_HEAP })
  return { ...zxcvbnEstimatorOn((task) => pool.run(task), options), close: () => pool.close() }
}

/** The estimator over threads that run `EstimateTask`s (zxcvbn/worker.ts). */
export function zxcvbnEstimatorOn(run: (task: EstimateTask) => Promise<StrengthScore>, options: ZxcvbnOptions = {}): StrengthEstimator {
  const maxLength = options.maxLength ?? SAFE_ZXCVBN_OPTIONS.maxLength
  const l33tMaxSubstitutions = options.l33tMaxSubstitutions ?? SAFE_ZXCVBN_OPTIONS.l33tMaxSubstitutions
  return { estimate: (password, userInputs) => run({ password, userInputs: [...userInputs], maxLength, l33tMaxSubstitutions }) }
}
