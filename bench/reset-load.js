// Resets per second over HTTP: each of `concurrency` clients owns one user and loops
// send → code → reset with a fresh strong password, for `seconds`.
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { openLane } from './http-lane.js'
import { median } from './in-turn.js'

const WEB_AUTH = `Basic ${btoa(`demo-web:${encodeURIComponent('demo-web-secret:%/&')}`)}`

/** One keep-alive connection per client to the demo server, as its web app. */
export const openLanes = (server, concurrency) => Array.from({ length: concurrency }, () => openLane(server.url, WEB_AUTH))

/**
 * A fresh strong password, as the load generator sends it: `Load-` and 16 random base64url
 * characters. Not "Bench-…": with a digit after it, that would contain "bench-<lane>", the
 * user's own email name, and the policy rightly refuses it.
 */
export const loadPassword = () => `Load-${randomBytes(12).toString('base64url')}`

/**
 * One reset of lane `lane`'s user: the send, the code read off the server's line, the reset with
 * a fresh strong password. Whether the reset was answered 200, and how long that request took.
 */
export async function resetLaneUser(server, post, lane) {
  const email = `bench-${lane}@example.com`
  const code = server.nextCode(email)
  const sent = await post('/otp/send', { usage: 'reset_password', email })
  const { otp_token } = JSON.parse(sent.text)
  const body = { password: loadPassword(), email, email_otp_token: otp_token, email_otp: await code }
  const started = performance.now()
  const response = await post('/reset_user_password', body)
  return { ok: response.status === 200, ms: performance.now() - started }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

function perReset(before, after, resets) {
  if (before === null || after === null) return null
  return Object.fromEntries(Object.keys(after).map((kind) => [kind, (after[kind] - before[kind]) / Math.max(1, resets)]))
}

/**
 * `delayMonitor`: run the server's event-loop delay monitor in this window. Off by default: its
 * timer wakes the event loop at every tick, and a wake costs that thread CPU of its own (more
 * while both cores hash, each wake finding its caches cold), which is the bench's instrument,
 * not the server's work. So throughput and CPU are measured without it, the delay in windows
 * of its own, and the bench table shows what the monitor added there.
 */
export async function resetLoad(server, { concurrency, seconds, delayMonitor = false }) {
  const lanes = openLanes(server, concurrency)
  const latencies = []
  let failures = 0
  if (delayMonitor) server.resetStats()
  else server.pauseStats()
  const { threadCpuMs: threadsBefore, eventLoopWaitMs: waitBefore } = await server.stats()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const until = started + seconds * 1000
  await Promise.all(
    lanes.map(async ({ post }, lane) => {
      while (performance.now() < until) {
        const { ok, ms } = await resetLaneUser(server, post, lane)
        if (ok) latencies.push(ms)
        else failures++
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  for (const lane of lanes) lane.close()
  const loop = await server.stats()
  server.pauseStats()
  latencies.sort((a, b) => a - b)
  return {
    concurrency,
    elapsedSeconds: elapsed,
    latencies,
    resets: latencies.length,
    failures,
    resetsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    // The monitor records intervals between its ticks; the delay is what exceeds the tick.
    loopDelayP99Ms: delayMonitor ? Math.max(0, loop.p99Ms - loop.resolutionMs) : null,
    loopDelayMaxMs: delayMonitor ? Math.max(0, loop.maxMs - loop.resolutionMs) : null,
    /** The server's CPU per reset by thread kind (null off Linux). */
    serverCpuMsPerReset: perReset(threadsBefore, loop.threadCpuMs, latencies.length),
    /** How long the event loop waited for a core, per reset (null off Linux). */
    eventLoopWaitMsPerReset: waitBefore === null || loop.eventLoopWaitMs === null ? null : (loop.eventLoopWaitMs - waitBefore) / Math.max(1, latencies.length),
    /** The load generator's own CPU, which a real deployment would not have on its cores. */
    clientCpuMsPerReset: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
  }
}

/** One level's rounds as one row: totals over all rounds, and the ratio to the bound per round. */
export function combineRounds(concurrency, rounds) {
  const resets = rounds.reduce((sum, r) => sum + r.resets, 0)
  const seconds = rounds.reduce((sum, r) => sum + r.elapsedSeconds, 0)
  const ratios = rounds.map((r) => r.resetsPerSecond / r.bound)
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const perResetMean = (read) => rounds.reduce((sum, r) => sum + read(r) * r.resets, 0) / Math.max(1, resets)
  const cpuKinds = rounds.every((r) => r.serverCpuMsPerReset !== null) ? Object.keys(rounds[0].serverCpuMsPerReset) : null
  return {
    concurrency,
    resets,
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    resetsPerSecond: resets / seconds,
    bound: rounds.reduce((sum, r) => sum + r.bound * r.elapsedSeconds, 0) / seconds,
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    serverCpuMsPerReset: cpuKinds && Object.fromEntries(cpuKinds.map((kind) => [kind, perResetMean((r) => r.serverCpuMsPerReset[kind])])),
    clientCpuMsPerReset: perResetMean((r) => r.clientCpuMsPerReset),
    eventLoopWaitMsPerReset: rounds.every((r) => r.eventLoopWaitMsPerReset !== null) ? perResetMean((r) => r.eventLoopWaitMsPerReset) : null,
    rounds: rounds.map((r) => ({ resetsPerSecond: r.resetsPerSecond, bound: r.bound, ratio: r.resetsPerSecond / r.bound, seconds: r.elapsedSeconds })),
  }
}

/**
 * `resetLoad` with this process, which plays the remote clients, at the lowest priority while it
 * does: a real deployment's clients are not on the server's cores.
 */
export async function clientWindow(server, options) {
  os.setPriority(0, 19)
  try {
    return await resetLoad(server, options)
  } finally {
    os.setPriority(0, 0)
  }
}

/**
 * One level: `rounds` windows of load at `concurrency`, each compared with the mean of the bound
 * (`boundNow`, in resets/s) measured just before and just after it, since this host's argon2
 * rate drifts more within a minute than the gaps measured (each a `clientWindow`). The row,
 * and every bound measured, in order.
 */
export async function roundsAgainstBound(server, boundNow, { concurrency, rounds, seconds }) {
  const bounds = [await boundNow()]
  const measured = []
  for (let round = 0; round < rounds; round++) {
    const window = await clientWindow(server, { concurrency, seconds })
    bounds.push(await boundNow())
    measured.push({ ...window, bound: (bounds[round] + bounds[round + 1]) / 2 })
  }
  return { row: combineRounds(concurrency, measured), bounds }
}

/**
 * Before anything is measured on a new server: long enough for V8 to have optimised what runs
 * once per request (it optimises a function only after it has run a while, so code that runs once
 * per request needs on the order of a thousand requests), and for the zxcvbn dictionaries to have
 * loaded. A server in production runs for hours; the bench reads its steady state. After 2 s of
 * this, TurboFan was still compiling ~15 functions a second through the first levels: at N = 5,
 * c = 8, two interleaved pairs of runs (`WARMUPS=2,30 VARIANTS= node bench/flag-probe.js`),
 * 2 s → 30 s took the event loop from 2.65 to 2.40 ms per reset, V8's other threads from 0.65 to
 * 0.60, and the ratio from 0.93 to 0.97; at N = 0, c = 64, 1.69 → 1.55 and 0.52 → 0.37 ms, the
 * ratio 0.73 → 0.72.
 *
 * So it runs for `seconds` and until it has served `resets`, a count rather than a time because
 * tiering up counts calls: at N = 0 30 s serve 4,000–6,000 resets, but at N = 5 only 700–1,200,
 * and there 30 s left TurboFan compiling functions for the first time 10–30 s into the measured
 * windows (`node bench/tier-probe.js`: 18–42 first compiles in each 8 s window, ~0.3 ms of compile
 * a reset, most of the CPU table's "other"). At N = 5, c = 8, two interleaved pairs of runs
 * (`WARMUPS=30,120 CONFIGS='[{"history":5,"c":8}]' VARIANTS= node bench/flag-probe.js`, ~1,160
 * against ~4,700 resets of warm-up): V8's other threads 0.35 → 0.18 ms a reset, the event loop
 * 1.67 → 1.64, the ratio 0.928 → 0.935 (within the runs' spread), peak RSS 149 → 154 MiB (more
 * optimised code). Earlier, 150 s against 30 s: other threads 0.95 → 0.72, event loop 2.89 →
 * 2.87 (`node bench/warm-up-probe.js`).
 */
export const WARM_UP = { concurrency: 8, seconds: 30, resets: 4000 }

/**
 * The warm-up: a window of WARM_UP.seconds, then shorter ones until WARM_UP.resets are served, and
 * at least one more in any case. Each window's clients hang up at its end, and the first time
 * they do, V8 deoptimises a wave of Node's stream and HTTP code (new hidden classes on sockets
 * that close); a server in production has long since seen that, so the wave falls here rather
 * than in the first measured round (at N = 0, c = 64, `node bench/tier-probe.js`: 38 deopts
 * and 26 compiles after them in the first window, ~0.1 ms more of "other" a reset than the next).
 */
export async function warmUp(server) {
  let { resets, resetsPerSecond } = await resetLoad(server, WARM_UP)
  for (let windows = 1; resets < WARM_UP.resets || windows < 2; windows++) {
    // Sized to reach the count at the rate so far: 5 s at least, a minute at most.
    const seconds = Math.min(60, Math.max(5, (WARM_UP.resets - resets) / Math.max(1, resetsPerSecond)))
    const window = await resetLoad(server, { concurrency: WARM_UP.concurrency, seconds })
    resets += window.resets
    resetsPerSecond = window.resetsPerSecond
  }
  return { resets }
}
