// `node bench/tier-probe.js`: what V8's optimising compiler does while the bench measures, which
// the CPU table counts under "other" (one platform thread compiles for every isolate). The demo
// at history H (default 5) after the bench's warm-up, then W windows (default 4) of S seconds
// (default 8) at concurrency C (default 8), as the bench's rounds run: new clients each. Per
// window, TurboFan compiles begun in it: of functions compiled for the first time, of functions
// deoptimised since, and of functions whose optimised code was neither (V8 holds that code
// weakly, so a closure made per request loses it at a full GC unless a live closure still runs
// it); their compile time off the event loop per reset; deopts. Then the functions recompiled
// most for the last reason, by isolate. --trace-opt's and --trace-deopt's lines carry the timing
// (read on this process's clock); --log-code's per-isolate logs name each function and its isolate.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resetLoad, warmUp } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'

const HISTORY = process.env.H ?? '5'
const CONCURRENCY = Number(process.env.C ?? 8)
const WINDOWS = Number(process.env.W ?? 4)
const SECONDS = Number(process.env.S ?? 8)

const logs = mkdtempSync(join(tmpdir(), 'tier-probe-'))
const events = [] // { at, kind: 'compile' | 'compiled' | 'deopt', sfi, backgroundMs? }
function onLine(line, at) {
  // --trace-opt: "<JSFunction name (sfi = 0x…)>"; --trace-deopt's lazy marking: "(0x… <SharedFunctionInfo …>)".
  const sfi = /\(sfi = (0x[0-9a-f]+)\)|\((0x[0-9a-f]+) <SharedFunctionInfo/.exec(line)
  if (sfi === null) return
  const event = { at, sfi: sfi[1] ?? sfi[2] }
  if (line.startsWith('[compiling method') && line.includes('(target TURBOFAN)')) events.push({ ...event, kind: 'compile' })
  // "took <prepare>, <execute>, <finalize> ms": the middle phase runs on the platform thread.
  const took = /^\[completed compiling .*\(target TURBOFAN\).* took [\d.]+, ([\d.]+), [\d.]+ ms/.exec(line)
  if (took !== null) events.push({ ...event, kind: 'compiled', backgroundMs: Number(took[1]) })
  if (line.startsWith('[bailout') || line.startsWith('[marking dependent code')) events.push({ ...event, kind: 'deopt' })
}

/** The bench's warm-up, then the windows, each with its resets and the server's CPU per reset. */
async function measure() {
  const flags = [...DEMO_NODE_FLAGS, '--trace-opt', '--trace-deopt', '--log-code', `--logfile=${join(logs, 'v8.log')}`]
  const server = await startBenchServer({ BENCH_USERS: String(Math.max(8, CONCURRENCY)), PASSWORD_HISTORY: HISTORY }, flags, { onLine })
  await warmUp(server)
  const windows = []
  for (let window = 0; window < WINDOWS; window++) {
    const from = performance.now()
    const measured = await resetLoad(server, { concurrency: CONCURRENCY, seconds: SECONDS })
    windows.push({ from, to: performance.now(), resets: measured.resets, cpu: measured.serverCpuMsPerReset })
  }
  await server.stop()
  return windows
}

/** Each function V8 created code for (by sfi): its name and location, and which isolate made it. */
function functionsInLogs() {
  const functions = new Map()
  for (const file of readdirSync(logs)) {
    const text = readFileSync(join(logs, file), 'utf8')
    const isolate = text.includes('node:_http_server') ? 'event loop' : 'a worker thread'
    for (const line of text.split('\n')) {
      const created = /^code-creation,JS,\d+,\d+,0x[0-9a-f]+,\d+,(.*),(0x[0-9a-f]+),\S*$/.exec(line)
      if (created !== null) functions.set(BigInt(created[2]), { name: created[1].trim(), isolate })
      // A compacting GC moved it.
      const moved = /^sfi-move,(0x[0-9a-f]+),(0x[0-9a-f]+)$/.exec(line)
      if (moved !== null && functions.has(BigInt(moved[1]))) functions.set(BigInt(moved[2]), functions.get(BigInt(moved[1])))
    }
  }
  return functions
}

let windows
let functions
try {
  windows = await measure()
  functions = functionsInLogs()
} finally {
  rmSync(logs, { recursive: true, force: true })
}

// A compile is a first one, one after a deopt of that function, or one of a function whose
// optimised code was neither deoptimised nor replaced: its code was collected.
const state = new Map() // sfi → 'optimised' | 'deoptimised'
const collected = new Map() // sfi → recompiles in the windows
let cursor = 0
console.log(`N = ${HISTORY}, c = ${CONCURRENCY}, after the bench's warm-up: TurboFan in each window of ${SECONDS} s (all isolates)`)
console.log('| window | resets/s | other (ms a reset) | compiles: first / after a deopt / code collected | compiling off the event loop (ms a reset) | deopts |')
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |')
for (const [index, window] of windows.entries()) {
  const counts = { first: 0, afterDeopt: 0, collected: 0, deopts: 0, backgroundMs: 0 }
  for (; cursor < events.length && events[cursor].at < window.to; cursor++) {
    const { at, kind, sfi, backgroundMs } = events[cursor]
    const inWindow = at >= window.from
    if (kind === 'compile') {
      const before = state.get(sfi)
      if (inWindow) {
        const sort = before === undefined ? 'first' : before === 'deoptimised' ? 'afterDeopt' : 'collected'
        counts[sort]++
        if (sort === 'collected') collected.set(sfi, (collected.get(sfi) ?? 0) + 1)
      }
      state.set(sfi, 'optimised')
    }
    if (kind === 'deopt') {
      state.set(sfi, 'deoptimised')
      if (inWindow) counts.deopts++
    }
    if (kind === 'compiled' && inWindow) counts.backgroundMs += backgroundMs
  }
  const seconds = (window.to - window.from) / 1000
  const cells = [index + 1, (window.resets / seconds).toFixed(1), window.cpu?.otherMs.toFixed(3) ?? 'n/a', `${counts.first} / ${counts.afterDeopt} / ${counts.collected}`, (counts.backgroundMs / Math.max(1, window.resets)).toFixed(3), counts.deopts]
  console.log(`| ${cells.join(' | ')} |`)
}
console.log('')
console.log('Recompiled most often with no deopt between (their code collected):')
for (const [sfi, count] of [...collected].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  // The traces print a tagged pointer (the address + 1), the logs the address.
  const { name, isolate } = functions.get(BigInt(sfi) - 1n) ?? { name: sfi, isolate: '?' }
  console.log(`${count}× ${name || '(anonymous)'} (${isolate})`)
}
