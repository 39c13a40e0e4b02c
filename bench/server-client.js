// The parent's side of bench/server.js: start it, get codes, read its stats, stop it.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

/**
 * The V8 flags `pnpm start` runs the demo with, read from package.json's start script so the
 * bench measures the demo as it runs. 1 MiB semi-spaces (V8 grows them to 16 MiB by default) and
 * an old generation that grows by 20 % after each full GC (V8 lets a small heap grow up to 4×):
 * at N = 0 and concurrency 64, three runs each, peak RSS 174–175 MiB with 2 MiB semi-spaces
 * against 191–197 with 4 MiB ones alone; 1 MiB then took it from 160–162 to 154–156, and from 151
 * to 146–147 at N = 5 and concurrency 8 (two interleaved runs each, `node bench/flag-probe.js`),
 * with ratios within the runs' spread; event-loop CPU per reset is up to ~0.1 ms more (more,
 * smaller scavenges: at N = 0 and concurrency 8, 1.61–1.73 ms against 1.54–1.62). Both are process-wide V8
 * flags, so they hold for the worker threads' heaps too. One V8 platform thread (Node starts
 * four) for concurrent marking and compiling: the heaps are small, and on two cores the extra
 * threads only contend with the workers; 166–167 MiB against 173–175 in three interleaved runs
 * each, resets per second no lower. Tried and not used (two interleaved pairs at each of N = 0,
 * c = 64 and N = 5, c = 8, 2 × AMD EPYC): --single-threaded-gc, every collection on its own
 * isolate's thread, none on the platform thread, which then ran 0.08–0.28 ms a reset less, but peak
 * RSS 154–162 MiB against 151–155 in all four pairs, and at N = 0 a ratio of 0.77 and 0.80
 * against 0.84 and 0.82; --optimize-for-size (packages/adapters-node/README.md has its figures).
 */
const START_SCRIPT = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start
export const DEMO_NODE_FLAGS = /\bnode((?: --\S+)*) packages\/demo\//.exec(START_SCRIPT)?.[1].trim().split(' ').filter(Boolean) ?? []

/**
 * `onLine(line, receivedAt)`: every other line the server prints on stdout, with the time this
 * process read it (performance.now()): a V8 trace flag's output, on the load generator's clock.
 */
export async function startBenchServer(env = {}, execArgv = DEMO_NODE_FLAGS, { onLine } = {}) {
  // stdout piped here, not shown: codes arrive as the demo's [dev-otp] lines (a synchronous write
  // to a pipe at the end of the turn that printed them, as `pnpm start` writes them to its
  // terminal), and its other [dev-*] lines, one per effect, would bury the table.
  const child = fork(new URL('./server.js', import.meta.url), { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  const waiting = new Map()
  const codes = new Map()
  const deliver = (to, code) => {
    const resolve = waiting.get(to)
    if (resolve) {
      waiting.delete(to)
      resolve(code)
    } else codes.set(to, code)
  }
  createInterface({ input: child.stdout }).on('line', (line) => {
    // Not anchored: a line the runtime prints itself (a V8 trace flag's) can run into it.
    const otp = /\[dev-otp\] to=(\S+) otp=(\d+)/.exec(line)
    if (otp) deliver(otp[1], otp[2])
    else onLine?.(line, performance.now())
  })
  let statsWaiter
  let profileWaiter
  let stampsWaiter
  child.on('message', (message) => {
    if (message.type === 'stats' || message.type === 'peak-reset') statsWaiter?.(message)
    if (message.type === 'profile-started' || message.type === 'profile') profileWaiter?.(message)
    if (message.type === 'chain-stamps') stampsWaiter?.(message.stamps)
  })
  const [ready] = await once(child, 'message')
  if (ready.type !== 'ready') throw new Error(`bench server said ${JSON.stringify(ready)}`)
  return {
    url: `http://127.0.0.1:${ready.port}`,
    pid: child.pid,
    /** The next code sent to `to` (register before sending, or take one already delivered). */
    nextCode(to) {
      const code = codes.get(to)
      if (code !== undefined) {
        codes.delete(to)
        return Promise.resolve(code)
      }
      return new Promise((resolve) => waiting.set(to, resolve))
    },
    /** Clears the event-loop delay histogram and (re)starts the monitor. */
    resetStats: () => child.send({ type: 'reset-stats' }),
    /** Stops the monitor's timer until the next resetStats. */
    pauseStats: () => child.send({ type: 'pause-stats' }),
    stats: () => new Promise((resolve) => ((statsWaiter = resolve), child.send({ type: 'stats' }))),
    /** Reads the peak RSS so far, then restarts it from the resident set now (Linux). */
    resetPeakRss: () => new Promise((resolve) => ((statsWaiter = resolve), child.send({ type: 'reset-peak' }))),
    /** Starts V8's sampling CPU profiler in the server (`intervalUs` apart); resolves once it runs. */
    startProfile: (intervalUs) => new Promise((resolve) => ((profileWaiter = resolve), child.send({ type: 'profile-start', kind: 'cpu', intervalUs }))),
    /** Starts V8's sampling heap profiler (a sample every `intervalBytes`), collected objects kept. */
    startAllocationProfile: (intervalBytes) => new Promise((resolve) => ((profileWaiter = resolve), child.send({ type: 'profile-start', kind: 'allocations', intervalBytes }))),
    /** Stops it and returns the .cpuprofile object. */
    stopProfile: () => new Promise((resolve) => ((profileWaiter = (message) => resolve(message.profile)), child.send({ type: 'profile-stop', kind: 'cpu' }))),
    /** Stops it and returns the sampling heap profile ({ head }). */
    stopAllocationProfile: () => new Promise((resolve) => ((profileWaiter = (message) => resolve(message.profile)), child.send({ type: 'profile-stop', kind: 'allocations' }))),
    /** Every stamp so far, with bench/chain-stamps.js imported into the server (else it never answers). */
    chainStamps: () => new Promise((resolve) => ((stampsWaiter = resolve), child.send({ type: 'chain-stamps' }))),
    async stop() {
      child.send({ type: 'stop' })
      await once(child, 'exit')
    },
  }
}
