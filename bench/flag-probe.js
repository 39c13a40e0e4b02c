// `node bench/flag-probe.js`: the demo under load with the start script's V8 flags and with one
// flag changed (or one bench/server.js setting), or after warm-ups of different lengths,
// interleaved so the host's drift hits every variant alike. Ratio to the argon2id bound, CPU per
// reset by thread, idle and peak RSS, per run. How the flags in package.json's start script
// (bench/server-client.js has the figures) and the bench's WARM_UP (bench/reset-load.js) were
// chosen.
// VARIANTS: comma-separated flags, each replacing the start script's flag of the same name
// ('' = the start script as it is), or env:NAME=value for the start script with that environment
// variable (bench/server.js's EXPRESS_SERVER_OPTIONS=off, say); or a JSON array of them, for a
// value that holds a comma ('["", "env:BENCH_ARGON2=19456,2"]': every hash on threads of the
// bench server's own, so the demo's threads only check strength). WARMUPS: comma-separated seconds
// of warm-up at concurrency 8, or 'bench' for the bench's warm-up (the default). CONFIGS: JSON
// [{ history, c }]. R: rounds per run.
import { startArgon2Bound } from './argon2-bound.js'
import { createRunLog, measureWarmServer } from './level-runs.js'
import { resetLoad, WARM_UP, warmUp } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'

const ROUNDS = Number(process.env.R ?? 3)
const configs = JSON.parse(process.env.CONFIGS ?? '[{"history":0,"c":64},{"history":5,"c":8}]')
const variantsText = process.env.VARIANTS ?? ',--max-semi-space-size=2'
const variants = variantsText.startsWith('[') ? JSON.parse(variantsText) : variantsText.split(',')
const warmUps = (process.env.WARMUPS ?? 'bench').split(',')
const warm = (server, warmUpSeconds) => (warmUpSeconds === 'bench' ? warmUp(server) : resetLoad(server, { concurrency: WARM_UP.concurrency, seconds: Number(warmUpSeconds) }))
// NAME=value, split at the first '=' only: the value may hold one.
const envOf = (variant) => (variant.startsWith('env:') ? Object.fromEntries([/^([^=]*)=(.*)$/s.exec(variant.slice(4)).slice(1)]) : {})
const flagsOf = (variant) => (variant === '' || variant.startsWith('env:') ? DEMO_NODE_FLAGS : [...DEMO_NODE_FLAGS.filter((flag) => flag.split('=')[0] !== variant.split('=')[0]), variant])

const argon2Bound = await startArgon2Bound()
const runs = createRunLog()
for (const pass of [1, 2]) {
  for (const { history, c } of configs) {
    for (const variant of variants) {
      for (const warmUpSeconds of warmUps) {
        const server = await startBenchServer({ BENCH_USERS: '64', PASSWORD_HISTORY: String(history), ...envOf(variant) }, flagsOf(variant))
        await warm(server, warmUpSeconds)
        const { row, cpu, idleMiB, peakRssMiB } = await measureWarmServer(server, argon2Bound, { history, c, rounds: ROUNDS })
        const label = `N = ${history}, c = ${c}, ${variant === '' ? 'start script' : variant}, warm-up ${warmUpSeconds === 'bench' ? "the bench's" : `${warmUpSeconds} s`}`
        runs.add(label, { ratio: row.ratio, ...cpu, peakRssMiB })
        console.log(
          `run ${pass}, ${label}: ratio ${row.ratio.toFixed(3)} (${row.ratioMin.toFixed(2)}–${row.ratioMax.toFixed(2)}), ${row.resetsPerSecond.toFixed(1)} resets/s, ` +
            `ms a reset: event loop ${cpu?.eventLoopMs.toFixed(2) ?? 'n/a'}, workers ${cpu?.workersMs.toFixed(2) ?? 'n/a'}, other ${cpu?.otherMs.toFixed(2) ?? 'n/a'}; idle ${idleMiB.toFixed(0)} MiB, peak ${peakRssMiB.toFixed(0)} MiB`,
        )
        await server.stop()
      }
    }
  }
}
await argon2Bound.close()
runs.printMeans()
