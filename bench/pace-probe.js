// `node bench/pace-probe.js`: the demo server's event-loop CPU per reset as a function of the
// pace alone. The bench's N = 5 rows run at ~35 resets/s (argon2id bounds them) and its N = 0
// rows at ~180, so their event-loop columns differ by pace as well as by N. Here one server at one
// N (default 0: one argon2id run a reset, so the cores are far from busy at any of these paces)
// serves 8 lanes paced to each rate in RATES in turn (each lane starts a reset every
// 8 / rate s, the lanes spread evenly), ROUNDS times, after the bench's warm-up. Then the bare
// node:http server (bench/bare-http.js) at the same paces, with no hashing threads beside it: the
// same measure for a server that only parses the two bodies and answers.
import { execFileSync } from 'node:child_process'
import { bareHttpFloor } from './bare-http.js'
import { inTurn, mean } from './in-turn.js'
import { pacedLoad } from './paced-load.js'
import { warmUp } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'

const HISTORY = process.env.H ?? '0'
const RATES = (process.env.RATES ?? '20,35,70,100,150').split(',').map(Number)
const ROUNDS = Number(process.env.ROUNDS ?? 2)
const SECONDS = Number(process.env.SECONDS ?? 10)
const CONCURRENCY = 8

// FLAGS: more node flags for the server, after the demo's (a V8 flag to try).
const FLAGS = (process.env.FLAGS ?? '').split(' ').filter(Boolean)
const server = await startBenchServer({ BENCH_USERS: '8', PASSWORD_HISTORY: HISTORY }, [...DEMO_NODE_FLAGS, ...FLAGS])
await warmUp(server)
server.pauseStats()
// PIN=1 (Linux, taskset): the event loop alone on CPU 0, the server's other threads and this
// process's clients on CPU 1, so nothing of ours runs on the event loop's core between requests.
if (process.env.PIN === '1') {
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(server.pid)])
  execFileSync('taskset', ['-p', '-c', '0', String(server.pid)])
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)])
}

console.log(`the demo server, N = ${HISTORY}, ${CONCURRENCY} lanes, ${SECONDS} s a window${process.env.PIN === '1' ? ', its event loop alone on CPU 0' : ''}`)
const byRate = new Map(RATES.map((rate) => [rate, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const rate of inTurn(RATES, round)) {
    const window = await pacedLoad(server, { concurrency: CONCURRENCY, rate, seconds: SECONDS })
    byRate.get(rate).push(window.eventLoopMs)
    console.log(`paced at ${rate}/s: ${window.resetsPerSecond.toFixed(1)} resets/s, event loop ${window.eventLoopMs.toFixed(3)} ms a reset`)
  }
}
await server.stop()

const NO_HASHING = { threads: 0, memoryKib: 0, timeCost: 0 }
const bareByRate = new Map(RATES.map((rate) => [rate, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const rate of inTurn(RATES, round)) {
    const floor = await bareHttpFloor({ concurrency: CONCURRENCY, resetsPerSecond: rate, seconds: SECONDS, busy: NO_HASHING })
    bareByRate.get(rate).push(floor.eventLoopMs)
  }
}
const summary = (values) => `${mean(values).toFixed(3)} ms a reset (${values.map((v) => v.toFixed(3)).join(', ')})`
for (const rate of RATES) console.log(`${rate} resets/s: event loop, the demo ${summary(byRate.get(rate))}; the bare server ${summary(bareByRate.get(rate))}`)
