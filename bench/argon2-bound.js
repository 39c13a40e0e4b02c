// The raw argon2id bound: operations per second this machine does with the demo's parameters
// (OWASP: 19 MiB, t = 2, p = 1), nothing else running. One worker thread per core, each
// verifying back to back: more threads than cores measured no faster here (libuv's 4 threads on
// 2 cores: ~4 % slower), so this is the most the machine gives, and the bound is not flattered.
import { hash } from '@node-rs/argon2'
import { once } from 'node:events'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

/** The demo's argon2id parameters, as @node-rs/argon2 takes them: every hash the bench times. */
export const BENCH_ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { verifySync } = require(workerData.argon2)
parentPort.on('message', (until) => {
  let done = 0
  while (Date.now() < until) {
    verifySync(workerData.encoded, 'bench-password')
    done++
  }
  parentPort.postMessage(done)
})`

/**
 * Starts the measuring threads once; `opsPerSecond(seconds)` can then be asked between loads.
 * Each thread's own count is kept too: the cores of a VM need not hash at the same rate (here,
 * one ran ~35 % slower than the other, alone or not), and a reset at concurrency 1 waits for the
 * slower of its two shares, which the sum hides.
 */
export async function startArgon2Bound() {
  const encoded = await hash('bench-password', BENCH_ARGON2ID)
  const argon2 = import.meta.resolve('@node-rs/argon2').replace(/^file:\/\//, '')
  const workers = Array.from({ length: availableParallelism() }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: { encoded, argon2 } }))
  // Every window so far: each thread's runs, and the seconds they all measured for.
  const runs = workers.map(() => 0)
  let measuredSeconds = 0
  return {
    /** How many threads measure: the bound's CPU per second is this many seconds. */
    threads: workers.length,
    async opsPerSecond(seconds) {
      const started = Date.now()
      const until = started + seconds * 1000
      const counts = await Promise.all(workers.map(async (worker) => (worker.postMessage(until), (await once(worker, 'message'))[0])))
      const elapsed = (Date.now() - started) / 1000
      counts.forEach((count, i) => (runs[i] += count))
      measuredSeconds += elapsed
      return counts.reduce((sum, count) => sum + count, 0) / elapsed
    },
    /** A mark for `threadRatesSince`. */
    mark: () => ({ runs: [...runs], seconds: measuredSeconds }),
    /** Each thread's argon2id runs per second over the windows measured since `mark`, slowest first. */
    threadRatesSince: (mark) => runs.map((count, i) => (count - mark.runs[i]) / (measuredSeconds - mark.seconds)).sort((a, b) => a - b),
    close: () => Promise.all(workers.map((worker) => worker.terminate())),
  }
}
