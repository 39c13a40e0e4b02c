// `node bench/cache-thrash-probe.js`: how much of a request's event-loop CPU comes from the
// argon2id threads' memory rather than from their CPU. The bare node:http server
// (bench/bare-http-server.js) serves the demo's two requests at one pace beside three kinds of
// hashing threads, in turn, ROUNDS times:
// - none;
// - the bench's: argon2id at 19 MiB, t = 2, one thread per core, each streaming its 19 MiB
//   through its core's caches every hash;
// - argon2id at 64 KiB (which stays in the core's own caches), with enough passes to take as long
//   as the bench's hash: the same CPU taken from the server, without the traffic through memory.
// RATE (resets/s, default the N = 5, c = 8 row's ~35) and C (lanes) set the pace. Then the
// demo's own server, as the bench runs it, with and without most of that memory (below).
import { availableParallelism } from 'node:os'
import { createRequire } from 'node:module'
import { bareHttpFloor } from './bare-http.js'
import { inTurn, mean, median } from './in-turn.js'
import { clientWindow, warmUp } from './reset-load.js'
import { startBenchServer } from './server-client.js'

const RATE = Number(process.env.RATE ?? 35)
const CONCURRENCY = Number(process.env.C ?? 8)
const SECONDS = Number(process.env.SECONDS ?? 10)
const ROUNDS = Number(process.env.ROUNDS ?? 3)
const BENCH_HASH = { memoryKib: 19456, timeCost: 2 }
const SMALL_MEMORY_KIB = 64

const { hashSync } = createRequire(import.meta.url)('@node-rs/argon2')
const hashMs = ({ memoryKib, timeCost }) => {
  const times = []
  for (let i = 0; i < 5; i++) {
    const started = performance.now()
    hashSync('bench-password', { algorithm: 2, memoryCost: memoryKib, timeCost, parallelism: 1 })
    times.push(performance.now() - started)
  }
  return median(times)
}
// Passes at 64 KiB that take as long as one of the bench's hashes, on this host now.
const PROBE_PASSES = 100
const smallTimeCost = Math.round((PROBE_PASSES * hashMs(BENCH_HASH)) / hashMs({ memoryKib: SMALL_MEMORY_KIB, timeCost: PROBE_PASSES }))

/** Each variant's mean event-loop ms a reset over the rounds, and the rounds'. */
const printMeans = (byName) => {
  for (const [name, values] of byName) console.log(`${name}: mean ${mean(values).toFixed(3)} ms a reset (${values.map((v) => v.toFixed(3)).join(', ')})`)
}

const threads = availableParallelism()
const VARIANTS = [
  ['no hashing threads', { threads: 0, ...BENCH_HASH }],
  [`argon2id ${BENCH_HASH.memoryKib} KiB, t = ${BENCH_HASH.timeCost} (the bench's), ${threads} threads`, { threads, ...BENCH_HASH }],
  [`argon2id ${SMALL_MEMORY_KIB} KiB, t = ${smallTimeCost} (as long a hash), ${threads} threads`, { threads, memoryKib: SMALL_MEMORY_KIB, timeCost: smallTimeCost }],
]
console.log(`bare node:http server, ${RATE} resets/s over ${CONCURRENCY} lanes, ${SECONDS} s a window`)
const eventLoopMs = new Map(VARIANTS.map(([name]) => [name, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, busy] of inTurn(VARIANTS, round)) {
    const floor = await bareHttpFloor({ concurrency: CONCURRENCY, resetsPerSecond: RATE, seconds: SECONDS, busy })
    eventLoopMs.get(name).push(floor.eventLoopMs)
    console.log(`${name}: event loop ${floor.eventLoopMs.toFixed(3)} ms a reset (waiting for a core ${floor.eventLoopWaitMs.toFixed(3)}), ${floor.argon2OpsPerSecond.toFixed(0)} hashes/s`)
  }
}
printMeans(eventLoopMs)

// The demo's own server at N = 5, c = 8, as the bench serves it, two ways measured in turn:
// every argon2id run at the bench's 19 MiB, and every run (the users' history hashes, so their
// verifications, and each reset's new hash) at 64 KiB with as many passes as make it as long.
// The second server hashes on worker threads of the bench server's own (BENCH_ARGON2), beside
// the demo's, which then only check strength: as much CPU, without the traffic through memory.
const HISTORY = 5
const servers = [
  ['every hash at 19456 KiB, t = 2 (the bench)', await startBenchServer({ BENCH_USERS: '8', PASSWORD_HISTORY: String(HISTORY) })],
  [`every hash at ${SMALL_MEMORY_KIB} KiB, t = ${smallTimeCost}`, await startBenchServer({ BENCH_USERS: '8', PASSWORD_HISTORY: String(HISTORY), BENCH_ARGON2: `${SMALL_MEMORY_KIB},${smallTimeCost}` })],
]
for (const [, server] of servers) await warmUp(server)
console.log(`the demo's server, N = ${HISTORY}, c = 8, ${SECONDS} s a window`)
const demoEventLoopMs = new Map(servers.map(([name]) => [name, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, server] of inTurn(servers, round)) {
    const window = await clientWindow(server, { concurrency: 8, seconds: SECONDS })
    const cpu = window.serverCpuMsPerReset
    demoEventLoopMs.get(name).push(cpu.eventLoopMs)
    console.log(`${name}: ${window.resetsPerSecond.toFixed(1)} resets/s, event loop ${cpu.eventLoopMs.toFixed(3)} ms a reset (waiting for a core ${window.eventLoopWaitMsPerReset.toFixed(3)}), other ${cpu.otherMs.toFixed(3)}`)
  }
}
printMeans(demoEventLoopMs)
await Promise.all(servers.map(([, server]) => server.stop()))
