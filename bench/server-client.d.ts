export interface BenchServerStats {
  /** The monitor's tick; maxMs, p50Ms and p99Ms are raw intervals, so they include it. */
  readonly resolutionMs: number
  readonly maxMs: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly samples: number
  readonly delayedAtLeast20Ms: number
  /** The resident set's high-water mark since start, or since the last resetPeakRss(). */
  readonly peakRssMiB: number
  /** The resident set now. */
  readonly rssMiB: number
  readonly heapUsedMiB: number
}

export interface BenchServer {
  readonly url: string
  readonly pid: number
  nextCode(to: string): Promise<string>
  /** Clears the event-loop delay histogram and (re)starts the monitor. */
  resetStats(): void
  /** Stops the monitor's timer until the next resetStats. */
  pauseStats(): void
  stats(): Promise<BenchServerStats>
  /** Reads the peak RSS so far (start-up and warm-up), then restarts it from now; reset is false where that is not possible. */
  resetPeakRss(): Promise<{ readonly startupPeakRssMiB: number; readonly reset: boolean }>
  /** Starts V8's sampling profiler in the server, `intervalUs` apart. */
  startProfile(intervalUs: number): Promise<unknown>
  /** Stops it and returns the .cpuprofile object. */
  stopProfile(): Promise<unknown>
  /** Starts V8's sampling heap profiler in the server, a sample every `intervalBytes` allocated. */
  startAllocationProfile(intervalBytes: number): Promise<unknown>
  /** Stops it and returns the sampling heap profile. */
  stopAllocationProfile(): Promise<unknown>
  /** The chain's stamps, where the server was started with bench/chain-stamps.js imported. */
  chainStamps(): Promise<readonly unknown[]>
  stop(): Promise<void>
}

/** The V8 flags `pnpm start` runs the demo with; the default execArgv. */
export const DEMO_NODE_FLAGS: readonly string[]

export interface BenchServerOptions {
  /** Every other line the server prints on stdout (a V8 trace flag's), with when it was read (performance.now()). */
  readonly onLine?: (line: string, receivedAt: number) => void
}

export function startBenchServer(env?: Record<string, string>, execArgv?: readonly string[], options?: BenchServerOptions): Promise<BenchServer>
