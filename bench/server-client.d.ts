export interface BenchServerStats {
  readonly maxMs: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly samples: number
  readonly delayedAtLeast20Ms: number
  readonly peakRssMiB: number
  readonly heapUsedMiB: number
}

export interface BenchServer {
  readonly url: string
  readonly pid: number
  nextCode(to: string): Promise<string>
  resetStats(): void
  stats(): Promise<BenchServerStats>
  stop(): Promise<void>
}

export function startBenchServer(env?: Record<string, string>, execArgv?: string[]): Promise<BenchServer>
