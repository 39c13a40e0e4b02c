// `node bench/warm-up-probe.js`: whether the bench's warm-up reaches the steady state. Two
// servers of the same code, warmed two ways, then measured in turn, four windows each, so that
// the host's drift, which moves the event loop's CPU per reset by as much as the warm-up does,
// falls on both alike. A and B are each warm-up's windows in seconds, comma-separated, each
// window with clients of its own that hang up at its end: by default A is one window of 150 s
// and B one of WARM_UP.seconds (the bench's warm-up also counts resets: bench/reset-load.js).
// H (history N) and C (concurrency of the measured windows) as in the bench; the warm-ups run
// at concurrency 8. Each server logs V8's deopts (--log-deopt), and each window lists those of
// the event loop's code.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inTurn, mean } from './in-turn.js'
import { resetLoad, WARM_UP } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'

const HISTORY = Number(process.env.H ?? 5)
const CONCURRENCY = Number(process.env.C ?? 8)
const windowsOf = (list) => list.split(',').map(Number)
const WARM_UPS = {
  A: windowsOf(process.env.A ?? '150'),
  B: windowsOf(process.env.B ?? String(WARM_UP.seconds)),
}
const WINDOWS = 4
const WINDOW_SECONDS = 10
// The worker threads' code, whose deopts are not the event loop's.
const ON_WORKER_THREADS = /zxcvbn|argon2-task|pool-thread|one-answer-thread/

const logs = mkdtempSync(join(tmpdir(), 'warm-up-probe-'))
const env = { BENCH_USERS: '64', PASSWORD_HISTORY: String(HISTORY) }
const servers = {}
for (const [name, windows] of Object.entries(WARM_UPS)) {
  const log = join(logs, `${name}.log`)
  // V8's log stamps are µs since the isolate started, which is within a few ms of this.
  const startedAt = performance.now()
  const server = await startBenchServer(env, [...DEMO_NODE_FLAGS, '--log-deopt', `--logfile=${log}`, '--no-logfile-per-isolate'])
  let resets = 0
  for (const seconds of windows) resets += (await resetLoad(server, { concurrency: WARM_UP.concurrency, seconds })).resets
  servers[name] = { server, log, startedAt, windows: [] }
  console.log(`${name}: warmed in windows of ${windows.join(', ')} s (${resets} resets)`)
}
console.log(`N = ${HISTORY}, c = ${CONCURRENCY}`)

for (let window = 0; window < WINDOWS; window++) {
  for (const name of inTurn(['A', 'B'], window)) {
    const { server, startedAt } = servers[name]
    const from = performance.now() - startedAt
    const measured = await resetLoad(server, { concurrency: CONCURRENCY, seconds: WINDOW_SECONDS })
    servers[name].windows.push({ from, to: performance.now() - startedAt, cpu: measured.serverCpuMsPerReset, resetsPerSecond: measured.resetsPerSecond })
  }
}
await Promise.all(Object.values(servers).map(({ server }) => server.stop()))

for (const [name, { log, windows }] of Object.entries(servers)) {
  // code-deopt,<µs since the isolate started>,… and the code's location further on.
  const deoptsAtMs = readFileSync(log, 'latin1')
    .split('\n')
    .filter((line) => line.startsWith('code-deopt,') && !ON_WORKER_THREADS.test(line))
    .map((line) => ({ atMs: Number(line.split(',')[1]) / 1000, where: /<([^>]*)>[^<]*$/.exec(line)?.[1].replace(/^.*\/node_modules\/|^file:\/\/\/.*?\/packages\//, '') }))
  windows.forEach(({ from, to, cpu, resetsPerSecond }, i) => {
    const deopts = deoptsAtMs.filter(({ atMs }) => atMs >= from && atMs < to)
    console.log(`${name}, window ${i + 1}: ${resetsPerSecond.toFixed(1)} resets/s, ms a reset: event loop ${cpu.eventLoopMs.toFixed(2)}, other ${cpu.otherMs.toFixed(2)}; deopts on the event loop: ${deopts.length}${deopts.length === 0 ? '' : ` (${deopts.map(({ where }) => where).join(', ')})`}`)
  })
  console.log(`${name}: event loop, ms a reset (mean of ${WINDOWS} windows): ${mean(windows.map((w) => w.cpu.eventLoopMs)).toFixed(2)}`)
}
rmSync(logs, { recursive: true, force: true })
