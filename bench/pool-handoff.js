// Event-loop CPU per task handed to worker threads, for a no-op task (8 in flight, 2 threads):
// piscina as configured before, piscina with its options tuned, resetkit's own pool, and a bare
// postMessage each way. `pnpm build && node bench/pool-handoff.js`; the adapters-node README
// quotes its output. The event loop's CPU comes from /proc (Linux).
// The pool is internal to adapters-node (not in its exports), so it is read from the build.
import { createWorkerPool } from '../packages/adapters-node/dist/pool/worker-pool.js'
import { Piscina } from 'piscina'
import { Worker } from 'node:worker_threads'
import { threadCpuMs } from './thread-cpu.js'

const TASKS = 20_000
const IN_FLIGHT = 8
const THREADS = 2
const NOOP = new URL('./fixtures/noop-task.mjs', import.meta.url)

async function eventLoopUsPerTask(run) {
  for (let i = 0; i < 2000; i++) await run(i) // warm-up: JIT, threads started
  const before = threadCpuMs().eventLoopMs
  let next = 0
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < TASKS) await run(next++)
  }))
  return ((threadCpuMs().eventLoopMs - before) * 1000) / TASKS
}

function bareWorkers() {
  const workers = Array.from({ length: THREADS }, () => new Worker(new URL('./fixtures/noop-raw-worker.mjs', import.meta.url)))
  const pending = new Map()
  let id = 0
  for (const worker of workers) worker.on('message', ({ id: done, value }) => (pending.get(done)(value), pending.delete(done)))
  return {
    run: (n) => new Promise((resolve) => (pending.set(id, resolve), workers[id % THREADS].postMessage({ id: id++, n }))),
    close: () => Promise.all(workers.map((worker) => worker.terminate())),
  }
}

const contenders = [
  ['piscina 5, defaults (as resetkit used it)', () => { const pool = new Piscina({ filename: NOOP.href, minThreads: THREADS, maxThreads: THREADS }); return { run: (n) => pool.run({ n }), close: () => pool.destroy() } }],
  ['piscina 5, recordTiming: false', () => { const pool = new Piscina({ filename: NOOP.href, minThreads: THREADS, maxThreads: THREADS, recordTiming: false }); return { run: (n) => pool.run({ n }), close: () => pool.destroy() } }],
  ["piscina 5, recordTiming: false, atomics: 'disabled'", () => { const pool = new Piscina({ filename: NOOP.href, minThreads: THREADS, maxThreads: THREADS, recordTiming: false, atomics: 'disabled' }); return { run: (n) => pool.run({ n }), close: () => pool.destroy() } }],
  ['resetkit worker pool', () => { const pool = createWorkerPool(NOOP, { threads: THREADS }); return { run: (n) => pool.run({ n }), close: () => pool.close() } }],
  ['bare postMessage each way (no pool)', bareWorkers],
]

const rows = ['| pool | event-loop CPU per task (µs) |', '| --- | ---: |']
for (const [label, open] of contenders) {
  const pool = open()
  rows.push(`| ${label} | ${(await eventLoopUsPerTask(pool.run)).toFixed(1)} |`)
  await pool.close()
}
console.log(rows.join('\n'))
