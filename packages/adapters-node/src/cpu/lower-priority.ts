import { setPriority } from 'node:os'

/** nice +10: about a tenth of the CPU weight of a normal thread when both want a core. */
export const WORKER_NICENESS = 10

/**
 * Lowers the priority of the calling thread only. On Linux a thread's nice value is its own, and
 * setpriority(PRIO_PROCESS, 0) applies to the caller, so the event-loop thread keeps its priority
 * and wins the CPU whenever it has work. Where this is not allowed it is skipped.
 */
export function lowerThisThreadPriority(niceness: number = WORKER_NICENESS): void {
  try {
    setPriority(0, niceness)
  } catch {
    // Not permitted here (some containers): the work still runs, at normal priority.
  }
}
