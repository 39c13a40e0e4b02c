/** What a bare process beside the server saw: pauses of the whole machine, not of the server. */
export interface MachinePauses {
  /** The longest interval between the monitor's 1 ms ticks, raw like the server's maxMs. */
  readonly maxMs: number
  readonly atLeast20Ms: number
}

export interface MachinePauseWatcher {
  /** Clears what was seen so far. */
  reset(): Promise<void>
  read(): Promise<MachinePauses>
  /** Ends the watcher process. */
  close(): void
}

export function watchMachinePauses(): Promise<MachinePauseWatcher>
