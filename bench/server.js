// The demo's deps (argon2id and zxcvbn in lowered-priority worker threads, memory stores) in
// its own process, driven over IPC by the benchmark and the event-loop test: codes reach the
// parent as the demo delivers them, a [dev-otp] line on stdout, and the parent can read this
// process's event-loop delay and peak RSS. Start with fork(); it answers { type: 'ready', port }
// when listening.
import { createRequestListener } from '@remix-run/node-fetch-server'
import { createResetkitHandler } from '@resetkit/adapters-fetch'
import { createMemoryRateLimiter } from '@resetkit/http'
import { createDemoApp, createDemoDeps, createDemoServer, readConfig } from '@resetkit/demo'
import { createServer } from 'node:http'
import { createArgon2Hasher } from '@resetkit/adapters-node/argon2'
import { createWorkerThreads } from '@resetkit/adapters-node/threads'
import { Session } from 'node:inspector/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Writable } from 'node:stream'
import { readFileSync, writeFileSync } from 'node:fs'
import { eventLoopWaitMs, threadCpuMs } from './thread-cpu.js'
import { iterationsDelayedAtLeast } from './loop-delay.js'

const HISTORY = Number(process.env.PASSWORD_HISTORY ?? 5)
const EXTRA_USERS = Number(process.env.BENCH_USERS ?? 0)

// Every bench user has a full history (N − 1 old hashes), so a reset does all N + 1 argon2 runs.
// One at a time: four at once on libuv's pool would put 4 × 19 MiB into the start-up peak.
// BENCH_ARGON2=<KiB>,<passes>: every hash with other argon2id parameters, the users' and each
// reset's new one (hashed on worker threads of the bench's own, beside the demo's, which then
// only check strength): bench/cache-thrash-probe.js, for the event loop's CPU beside argon2id
// threads that take as long but keep their memory in cache.
const [benchMemoryKib, benchPasses] = (process.env.BENCH_ARGON2 ?? '').split(',').map(Number)
const benchArgon2 = benchMemoryKib > 0 ? { memoryCost: benchMemoryKib, timeCost: benchPasses, parallelism: 1 } : undefined
const benchThreads = benchArgon2 === undefined ? undefined : createWorkerThreads({ argon2: benchArgon2 })
const seedHasher = createArgon2Hasher(benchArgon2)
const historyHashes = []
for (let i = 0; i < HISTORY - 1; i++) historyHashes.push(await seedHasher.hash(`old-password-${i}`))
const currentHash = await seedHasher.hash('Initial-Passw0rd!')
const extraUsers = Array.from({ length: EXTRA_USERS }, (_, i) => ({
  id: `bench-${i}`, email: `bench-${i}@example.com`, phoneNumber: null, status: 'active', names: [],
  passwordHash: currentHash, passwordHistory: historyHashes,
}))

// Audit lines are built and serialised as in the demo, then dropped, so the output stays a table.
// The breach check is off: it is a network round trip to a third party, not CPU this bench measures.
const logDestination = new Writable({ write: (_chunk, _encoding, done) => done() })
const config = readConfig({ BREACHED_PASSWORDS: 'off', ...process.env, RATE_LIMIT: 'off', DELIVERY_BUDGETS: 'off', OTP_RESEND_COOLDOWN_SECONDS: '0' })

// The load is one client at one IP resetting the same users back to back: what the limits exist
// to refuse. So every limit stays on (the per-IP and per-identifier rate limits, the resend
// windows, the delivery budgets), each counted and written on every request as in the demo, with
// thresholds the load never reaches; BENCH_LIMITS=off turns them all off instead.
const NEVER_REACHED = 1e9
const RAISED_LIMITS = {
  rateLimit: {
    perIp: createMemoryRateLimiter({ limit: NEVER_REACHED, windowSeconds: 60 }),
    perIdentifier: createMemoryRateLimiter({ limit: NEVER_REACHED, windowSeconds: 900 }),
  },
  resendLimits: { cooldownSeconds: 0, maxPerHour: NEVER_REACHED, inboxMaxPerHour: NEVER_REACHED, inboxMaxPerDay: NEVER_REACHED },
  deliveryBudgets: {
    perNetworkPerHour: NEVER_REACHED,
    perNetworkPerDay: NEVER_REACHED,
    perClientPerDay: { email: NEVER_REACHED, phone_number: NEVER_REACHED },
    globalPerDay: { email: NEVER_REACHED, phone_number: NEVER_REACHED },
  },
}
const limits = process.env.BENCH_LIMITS === 'off' ? {} : { limits: RAISED_LIMITS }
const overrides = { extraUsers, logDestination, ...limits, ...(benchThreads === undefined ? {} : { hasher: benchThreads.hasher }) }

/**
 * TRANSPORT=express (default): the demo's own Express app, exactly what `pnpm start` serves.
 * TRANSPORT=fetch: the same deps behind `@resetkit/adapters-fetch` on a bare node:http server,
 * so the transport's share of a reset shows beside Express's.
 */
async function listener() {
  if (process.env.TRANSPORT !== 'fetch') {
    const { app, close } = await createDemoApp(config, overrides)
    // EXPRESS_SERVER_OPTIONS=off: the app on a plain createServer(app), as app.listen() serves it,
    // to measure what the demo's server options save (VARIANTS=,env:EXPRESS_SERVER_OPTIONS=off
    // node bench/flag-probe.js).
    return { close, server: process.env.EXPRESS_SERVER_OPTIONS === 'off' ? createServer(app) : createDemoServer(app) }
  }
  const { close, ready: _ready, ...deps } = await createDemoDeps(config, overrides)
  // As examples/node-http serves it: node-fetch-server converts between IncomingMessage and Request.
  const handler = createResetkitHandler(deps)
  const handle = createRequestListener((request, client) => handler(request, { clientIp: client.address }))
  return { close, server: createServer(handle) }
}
const { close, server } = await listener()

// The monitor's timer wakes this thread at every tick of its resolution, which costs CPU here
// (~23 ms per second at 1 ms, idle). The event-loop test wants 1 ms; the benchmark asks for a
// coarser one and runs the monitor only in the windows that measure delay (bench/reset-load.js).
const RESOLUTION_MS = Number(process.env.LOOP_DELAY_RESOLUTION_MS ?? 1)
const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
delay.enable()

let session
/**
 * `cpu`: V8's sampling profiler, a sample every `intervalUs`. `allocations`: its sampling heap
 * profiler, a sample every `intervalBytes` allocated, keeping what GC has since collected, so the
 * profile is everything allocated (what the scavenges on this thread have to sweep), not what lives.
 */
async function startProfile({ kind, intervalUs, intervalBytes }) {
  session = new Session()
  session.connect()
  if (kind === 'allocations') {
    await session.post('HeapProfiler.enable')
    await session.post('HeapProfiler.startSampling', { samplingInterval: intervalBytes, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
  } else {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
    await session.post('Profiler.start')
  }
  process.send({ type: 'profile-started' })
}
async function stopProfile({ kind }) {
  const { profile } = await session.post(kind === 'allocations' ? 'HeapProfiler.stopSampling' : 'Profiler.stop')
  session.disconnect()
  process.send({ type: 'profile', profile })
}

/** VmHWM: the resident set's high-water mark since start, or since the last resetPeakRss(). */
function peakRssMiB() {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024
  } catch {
    return process.resourceUsage().maxRSS / 1024 // off Linux: the lifetime peak
  }
}
/** Linux's clear_refs 5 sets the high-water mark to the resident set now (since Linux 4.0). */
function resetPeakRss() {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

process.on('message', (message) => {
  // The start-up and the warm-up (zxcvbn loading its dictionaries) are measured apart from the load.
  if (message.type === 'reset-peak') process.send({ type: 'peak-reset', startupPeakRssMiB: peakRssMiB(), reset: resetPeakRss() })
  if (message.type === 'reset-stats') {
    delay.reset()
    delay.enable()
  }
  if (message.type === 'pause-stats') delay.disable()
  if (message.type === 'stats') {
    process.send({
      type: 'stats',
      // Raw intervals between the monitor's ticks: a delay is the part beyond resolutionMs.
      resolutionMs: RESOLUTION_MS,
      maxMs: delay.max / 1e6,
      p50Ms: delay.percentile(50) / 1e6,
      p99Ms: delay.percentile(99) / 1e6,
      samples: delay.count,
      delayedAtLeast20Ms: iterationsDelayedAtLeast(delay, 20),
      peakRssMiB: peakRssMiB(),
      rssMiB: process.memoryUsage().rss / 2 ** 20,
      heapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20,
      heapTotalMiB: process.memoryUsage().heapTotal / 2 ** 20,
      threadCpuMs: threadCpuMs(),
      eventLoopWaitMs: eventLoopWaitMs(),
    })
  }
  // bench/profile.js: V8's sampling profiler over one load window only, not the start-up.
  if (message.type === 'profile-start') void startProfile(message)
  if (message.type === 'profile-stop') void stopProfile(message)
  if (message.type === 'stop') server.close(() => Promise.all([close(), benchThreads?.close()]).then(() => process.exit(0)))
})
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }))
