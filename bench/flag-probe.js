// `node bench/flag-probe.js`: the demo under load with the start script's V8 flags and with one
// flag changed, interleaved so the host's drift hits both alike. Peak RSS, ratio to the argon2id
// bound, event-loop CPU, per run. How the flags in package.json's start script were
// chosen (bench/server-client.js has the figures). VARIANTS: comma-separated flags, each
// replacing the start script's flag of the same name ('' = the start script as it is); CONFIGS:
// JSON [{ history, c }]; R: rounds per run.
import { startArgon2Bound } from './argon2-bound.js'
import { roundsAgainstBound, warmUp } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'

const ROUNDS = Number(process.env.R ?? 3)
const configs = JSON.parse(process.env.CONFIGS ?? '[{"history":0,"c":64},{"history":5,"c":8}]')
const variants = (process.env.VARIANTS ?? ',--max-semi-space-size=2').split(',')
const flagsOf = (variant) => (variant === '' ? DEMO_NODE_FLAGS : [...DEMO_NODE_FLAGS.filter((flag) => flag.split('=')[0] !== variant.split('=')[0]), variant])

const argon2Bound = await startArgon2Bound()
for (const pass of [1, 2]) {
  for (const { history, c } of configs) {
    for (const variant of variants) {
      const server = await startBenchServer({ BENCH_USERS: '64', PASSWORD_HISTORY: String(history) }, flagsOf(variant))
      await warmUp(server)
      const { rssMiB: idleMiB } = await server.stats()
      await server.resetPeakRss()
      const boundNow = async () => (await argon2Bound.opsPerSecond(2)) / (history + 1)
      const { row } = await roundsAgainstBound(server, boundNow, { concurrency: c, rounds: ROUNDS, seconds: 5 })
      const { peakRssMiB } = await server.stats()
      const cpu = row.serverCpuMsPerReset
      const label = variant === '' ? 'start script' : variant
      console.log(
        `run ${pass}, N = ${history}, c = ${c}, ${label}: ratio ${row.ratio.toFixed(3)} (${row.ratioMin.toFixed(2)}–${row.ratioMax.toFixed(2)}), ${row.resetsPerSecond.toFixed(1)} resets/s, ` +
          `event loop ${cpu?.eventLoopMs.toFixed(2) ?? 'n/a'} ms a reset, idle ${idleMiB.toFixed(0)} MiB, peak ${peakRssMiB.toFixed(0)} MiB`,
      )
      await server.stop()
    }
  }
}
await argon2Bound.close()
