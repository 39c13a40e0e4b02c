// `node bench/warm-up-probe.js`: the demo under load after warm-ups of different lengths, interleaved
// so the host's drift hits them alike; how WARM_UP in reset-load.js was chosen. WARMUPS: seconds
// at concurrency 8, comma-separated; CONFIGS: JSON [{ history, c }]; R: rounds per run; PASSES.
import { startArgon2Bound } from './argon2-bound.js'
import { resetLoad, roundsAgainstBound } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'
const ROUNDS = Number(process.env.R ?? 3)
const configs = JSON.parse(process.env.CONFIGS ?? '[{"history":0,"c":64},{"history":5,"c":8}]')
const warmups = (process.env.WARMUPS ?? '2,30').split(',').map(Number)
const argon2Bound = await startArgon2Bound()
const sums = {}
for (let pass = 1; pass <= Number(process.env.PASSES ?? 2); pass++) {
  for (const { history, c } of configs) {
    for (const warm of warmups) {
      const server = await startBenchServer({ BENCH_USERS: '64', PASSWORD_HISTORY: String(history) }, DEMO_NODE_FLAGS)
      const w = await resetLoad(server, { concurrency: 8, seconds: warm }) // the warm-up under test
      const boundNow = async () => (await argon2Bound.opsPerSecond(2)) / (history + 1)
      const { row } = await roundsAgainstBound(server, boundNow, { concurrency: c, rounds: ROUNDS, seconds: 5 })
      const cpu = row.serverCpuMsPerReset
      const key = `N=${history} c=${c} warm ${warm}s`
      sums[key] ??= { loop: [], ratio: [], other: [], workers: [] }
      sums[key].loop.push(cpu.eventLoopMs); sums[key].ratio.push(row.ratio); sums[key].other.push(cpu.otherMs); sums[key].workers.push(cpu.workersMs)
      console.log(`run ${pass}, ${key} (${w.resets} warm-up resets): ratio ${row.ratio.toFixed(3)} (${row.ratioMin.toFixed(2)}–${row.ratioMax.toFixed(2)}), loop ${cpu.eventLoopMs.toFixed(2)} workers ${cpu.workersMs.toFixed(2)} other ${cpu.otherMs.toFixed(2)} ms/reset`)
      await server.stop()
    }
  }
}
const mean = (a) => (a.reduce((x, y) => x + y) / a.length).toFixed(3)
for (const [k, v] of Object.entries(sums)) console.log(k, 'ratio', mean(v.ratio), 'loop', mean(v.loop), 'workers', mean(v.workers), 'other', mean(v.other))
await argon2Bound.close()
