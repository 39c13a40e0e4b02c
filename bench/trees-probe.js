// `TREES=/path/a,/path/b node bench/trees-probe.js`: two checkouts' demo servers, each built
// (`pnpm run build`), under the same load against the same argon2id bound, interleaved (the
// order flips every pass) so the host's drift falls on both alike: how a change to the code, not
// to the flags (bench/flag-probe.js), was measured. A second checkout: `git worktree add /tmp/base
// <commit>`, then `pnpm install --offline` and `pnpm run build` in it. CONFIGS: JSON [{ history,
// c }]; R: rounds per run; PASSES (default 2); TRANSPORT=fetch for the fetch handler's server.
import { startArgon2Bound } from './argon2-bound.js'
import { inTurn } from './in-turn.js'
import { createRunLog, measureWarmServer } from './level-runs.js'
import { warmUp } from './reset-load.js'
if (process.env.TREES === undefined) {
  console.error('TREES=/path/a,/path/b node bench/trees-probe.js (two built checkouts)')
  process.exit(2)
}
const trees = process.env.TREES.split(',')
const ROUNDS = Number(process.env.R ?? 3)
const PASSES = Number(process.env.PASSES ?? 2)
const configs = JSON.parse(process.env.CONFIGS ?? '[{"history":0,"c":64},{"history":5,"c":8}]')
// Each checkout's own bench client, so each starts its own bench/server.js on its own build.
const clients = await Promise.all(trees.map((tree) => import(`${tree}/bench/server-client.js`)))
const argon2Bound = await startArgon2Bound()
const runs = createRunLog()
for (let pass = 1; pass <= PASSES; pass++) {
  for (const { history, c } of configs) {
    // Passes count from 1: the first runs the trees as given.
    for (const i of inTurn(trees.map((_, i) => i), pass - 1)) {
      const server = await clients[i].startBenchServer({ BENCH_USERS: '64', PASSWORD_HISTORY: String(history), ...(process.env.TRANSPORT ? { TRANSPORT: process.env.TRANSPORT } : {}) })
      await warmUp(server)
      const { row, cpu, peakRssMiB } = await measureWarmServer(server, argon2Bound, { history, c, rounds: ROUNDS })
      const label = `N = ${history}, c = ${c}, ${trees[i]}`
      runs.add(label, { ratio: row.ratio, ...cpu, peakRssMiB })
      console.log(`pass ${pass}, ${label}: ratio ${row.ratio.toFixed(3)}, ${row.resetsPerSecond.toFixed(1)}/s, event loop ${cpu.eventLoopMs.toFixed(2)}, workers ${cpu.workersMs.toFixed(2)}, other ${cpu.otherMs.toFixed(2)}, peak ${peakRssMiB.toFixed(0)} MiB`)
      await server.stop()
    }
  }
}
await argon2Bound.close()
runs.printMeans()
