// What bench/flag-probe.js and bench/trees-probe.js share: one warmed server measured in rounds
// against the argon2id bound, and the runs of each variant averaged at the end.
import { mean } from './in-turn.js'
import { roundsAgainstBound } from './reset-load.js'

/**
 * `server`, already warmed, at concurrency `c` for `rounds` rounds of 5 s, each against the bound
 * measured around it; its idle RSS before and its peak RSS during them.
 */
export async function measureWarmServer(server, argon2Bound, { history, c, rounds }) {
  const { rssMiB: idleMiB } = await server.stats()
  await server.resetPeakRss()
  const boundNow = async () => (await argon2Bound.opsPerSecond(2)) / (history + 1)
  const { row } = await roundsAgainstBound(server, boundNow, { concurrency: c, rounds, seconds: 5 })
  const { peakRssMiB } = await server.stats()
  return { row, cpu: row.serverCpuMsPerReset, idleMiB, peakRssMiB }
}

/** Runs by label, in the order first measured; `printMeans` prints each label's means. */
export function createRunLog() {
  const runs = new Map()
  return {
    add: (label, run) => runs.set(label, [...(runs.get(label) ?? []), run]),
    printMeans() {
      for (const [label, measured] of runs) {
        const of = (key, digits = 2) => mean(measured.map((run) => run[key] ?? Number.NaN)).toFixed(digits)
        console.log(`mean, ${label}: ratio ${of('ratio', 3)}, ms a reset: event loop ${of('eventLoopMs')}, workers ${of('workersMs')}, other ${of('otherMs')}; peak ${of('peakRssMiB', 0)} MiB`)
      }
    },
  }
}
