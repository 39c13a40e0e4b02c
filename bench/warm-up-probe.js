// `node bench/warm-up-probe.js`: whether the bench's warm-up reaches the steady state. Two
// servers of the same code, one warmed for LONG seconds and one for SHORT (the bench's WARM_UP),
// then measured in turn, four windows each, so that the host's drift, which moves the event
// loop's CPU per reset by more than the warm-up does, falls on both alike. H (history N) and C
// (concurrency of the measured windows) as in the bench; both warm up at concurrency 8.
import { resetLoad, WARM_UP } from './reset-load.js'
import { startBenchServer } from './server-client.js'

const HISTORY = Number(process.env.H ?? 5)
const CONCURRENCY = Number(process.env.C ?? 8)
const LONG = Number(process.env.LONG ?? 150)
const SHORT = Number(process.env.SHORT ?? WARM_UP.seconds)
const WINDOWS = 4
const WINDOW_SECONDS = 10

const env = { BENCH_USERS: '64', PASSWORD_HISTORY: String(HISTORY) }
const long = await startBenchServer(env)
const longWarmUp = await resetLoad(long, { concurrency: WARM_UP.concurrency, seconds: LONG })
const short = await startBenchServer(env)
const shortWarmUp = await resetLoad(short, { concurrency: WARM_UP.concurrency, seconds: SHORT })
console.log(`N = ${HISTORY}, c = ${CONCURRENCY}; warmed ${LONG} s (${longWarmUp.resets} resets) against ${SHORT} s (${shortWarmUp.resets} resets)`)

const eventLoopMs = { long: [], short: [] }
for (let window = 0; window < WINDOWS; window++) {
  const order = window % 2 === 0 ? [['long', long], ['short', short]] : [['short', short], ['long', long]]
  for (const [name, server] of order) {
    const measured = await resetLoad(server, { concurrency: CONCURRENCY, seconds: WINDOW_SECONDS })
    const cpu = measured.serverCpuMsPerReset
    eventLoopMs[name].push(cpu.eventLoopMs)
    console.log(`window ${window + 1}, warmed ${name === 'long' ? LONG : SHORT} s: ${measured.resetsPerSecond.toFixed(1)} resets/s, ms a reset: event loop ${cpu.eventLoopMs.toFixed(2)}, other ${cpu.otherMs.toFixed(2)}`)
  }
}
const mean = (values) => (values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(2)
console.log(`event loop, ms a reset (mean of ${WINDOWS} windows): warmed ${LONG} s ${mean(eventLoopMs.long)}, warmed ${SHORT} s ${mean(eventLoopMs.short)}`)
await Promise.all([long.stop(), short.stop()])
