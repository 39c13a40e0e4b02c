// `node bench/syscall-probe.js` (Linux, strace): the demo server's system calls per reset. On a
// virtual machine each one costs µs (here a bare fstat took ~2.7 µs against ~0.3 on metal), and
// they are part of the event loop's CPU that no JavaScript profile names. The demo at history H
// (default 0) serves 8 lanes paced to RATE resets/s (default 100) for SECONDS, after the bench's
// warm-up, with strace attached to the event-loop thread, or to every thread with THREADS=all.
// STACKS=<call>: instead of counts, the native stacks of that call (strace -k), grouped.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tracedPacedWindow } from './traced-window.js'

const HISTORY = process.env.H ?? '0'
const RATE = Number(process.env.RATE ?? 100)
const SECONDS = Number(process.env.SECONDS ?? 8)
const ALL_THREADS = process.env.THREADS === 'all'
const STACKS = process.env.STACKS

const what = STACKS === undefined ? ['-c'] : ['-e', `trace=${STACKS}`, '-k']
const { window, recorded: text } = await tracedPacedWindow(
  { history: HISTORY, rate: RATE, seconds: SECONDS },
  (pid, dir) => ['strace', ...what, ...(ALL_THREADS ? ['-f'] : []), '-o', join(dir, 'strace.txt'), '-p', String(pid)],
  (dir) => readFileSync(join(dir, 'strace.txt'), 'utf8'),
)

const perReset = (count) => (count / Math.max(1, window.resets)).toFixed(2)
console.log(`The demo, N = ${HISTORY}, paced at ${RATE}/s, ${window.resets} resets; system calls of ${ALL_THREADS ? 'every thread' : 'the event-loop thread'}, per reset:`)
if (STACKS === undefined) {
  // strace -c's table: "% time  seconds  usecs/call  calls  [errors]  syscall".
  for (const line of text.split('\n')) {
    const row = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:(\d+)\s+)?(\w+)$/.exec(line)
    if (row !== null) console.log(`${perReset(Number(row[1]))}\t${row[3]}${row[2] === undefined ? '' : ` (failed: ${perReset(Number(row[2]))})`}`)
  }
} else {
  // strace -k: each call, then its frames (" > lib(symbol+0x…) [0x…]"), innermost first.
  const stacks = new Map()
  for (const call of text.split(/\n(?=\S)/)) {
    const frames = call.split('\n').slice(1).map((frame) => frame.replace(/^\s*> /, '').replace(/\+0x[0-9a-f]+\)/, ')').replace(/ \[0x[0-9a-f]+\]$/, ''))
    const key = frames.filter((frame) => !frame.includes('libc.so')).slice(0, 4).join('\n  ')
    stacks.set(key, (stacks.get(key) ?? 0) + 1)
  }
  for (const [stack, count] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${perReset(count)}\n  ${stack}`)
}
