// `node bench/perf-parts.js` (Linux, perf): a reset's event-loop CPU by part, counted by perf,
// which samples only the CPU the thread runs. V8's sampler (`pnpm bench:profile`) samples wall
// time, so a write that waits in the kernel counts there with its wait. The demo server at
// history H (default 0) serves 8 lanes paced to RATE resets/s (default 100, where the pace
// itself adds least: `node bench/pace-probe.js`) for SECONDS, after the bench's warm-up, with
// `perf record -t` on its event-loop thread. Each sample counts for the part
// (bench/profile-parts.js) of its innermost JavaScript frame, so native work counts for the
// JavaScript that called it (a postMessage for the pool that posted it); a sample with no
// JavaScript on its stack is libuv's and the kernel's when the event loop is on it, else V8's own.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { partOfUrl } from './profile-parts.js'
import { DEMO_NODE_FLAGS } from './server-client.js'
import { tracedPacedWindow } from './traced-window.js'

const HISTORY = process.env.H ?? '0'
const RATE = Number(process.env.RATE ?? 100)
const SECONDS = Number(process.env.SECONDS ?? 10)
const SAMPLES_PER_SECOND = 4000

const { window, recorded: script } = await tracedPacedWindow(
  // perf names JIT code from the /tmp/perf-<pid>.map this flag writes.
  { history: HISTORY, rate: RATE, seconds: SECONDS, execArgv: [...DEMO_NODE_FLAGS, '--perf-basic-prof-only-functions'] },
  (pid, dir) => ['perf', 'record', '-e', 'cpu-clock', '-F', String(SAMPLES_PER_SECOND), '-g', '-t', String(pid), '-o', join(dir, 'perf.data')],
  (dir, pid) => {
    const read = spawnSync('perf', ['script', '-i', join(dir, 'perf.data'), '-F', 'ip,sym'], { encoding: 'utf8', maxBuffer: 1 << 30 })
    // perf script has read the map; node would leave it in /tmp, one per run (~0.7 MB here).
    rmSync(join('/tmp', `perf-${pid}.map`), { force: true })
    return read
  },
)
if (script.status !== 0) throw new Error(`perf script failed: ${script.stderr}`)

// perf script: one block per sample, one frame a line, innermost first: "<ip> <symbol>".
// JIT frames read "JS:<tier><name> <url>:<line>:<column>".
const samplesByPart = new Map()
let samples = 0
for (const block of script.stdout.split('\n\n')) {
  const symbols = block.split('\n').map((line) => line.trim().replace(/^\S+\s*/, '')).filter(Boolean)
  if (symbols.length === 0) continue
  samples++
  const js = symbols.find((symbol) => symbol.startsWith('JS:'))
  const part =
    js !== undefined
      ? partOfUrl(js.split(' ').at(-1).replace(/:\d+:\d+$/, ''))
      : symbols.some((symbol) => symbol.startsWith('uv_run'))
        ? 'libuv and the kernel, outside JavaScript'
        : 'V8 outside JavaScript (GC, compiling, its tasks)'
  samplesByPart.set(part, (samplesByPart.get(part) ?? 0) + 1)
}
const msPerReset = (count) => (count * 1000) / SAMPLES_PER_SECOND / Math.max(1, window.resets)
console.log(`The demo's event loop, N = ${HISTORY}, paced at ${RATE}/s (${window.resetsPerSecond.toFixed(1)} reached), ${window.resets} resets; schedstat: ${window.eventLoopMs.toFixed(3)} ms a reset, perf: ${msPerReset(samples).toFixed(3)}`)
console.log('')
console.log('| part | ms per reset | share |')
console.log('| --- | ---: | ---: |')
for (const [part, count] of [...samplesByPart].sort((a, b) => b[1] - a[1])) console.log(`| ${part} | ${msPerReset(count).toFixed(3)} | ${((100 * count) / samples).toFixed(0)} % |`)
