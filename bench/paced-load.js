// Resets at a fixed pace, where `resetLoad` (bench/reset-load.js) goes as fast as the server
// answers: each of `concurrency` lanes starts a reset every concurrency / rate seconds, the lanes
// spread evenly over that period, so the server sees one rate whatever its speed.
import os from 'node:os'
import { openLanes, resetLaneUser } from './reset-load.js'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/**
 * Runs `reset(post, lane)` on each lane at `rate` resets a second in all for `ms`: each lane
 * starts one every lanes / rate seconds, the lanes spread evenly over that period. How many
 * resets `reset` counted (it answers whether one did).
 */
export async function paceLanes(lanes, { rate, ms }, reset) {
  const period = (lanes.length * 1000) / rate
  let resets = 0
  const started = performance.now()
  await Promise.all(
    lanes.map(async ({ post }, lane) => {
      for (let k = 0; ; k++) {
        const slot = started + (k + lane / lanes.length) * period
        if (slot >= started + ms) return
        await sleep(slot - performance.now())
        if (await reset(post, lane)) resets++
      }
    }),
  )
  return resets
}

/**
 * `seconds` of resets at `rate` per second against the bench server, this process playing the
 * clients at nice 19 as in the bench. The rate reached, and the server's event-loop ms per reset.
 */
export async function pacedLoad(server, { concurrency, rate, seconds }) {
  const lanes = openLanes(server, concurrency)
  const before = await server.stats()
  os.setPriority(0, 19)
  const started = performance.now()
  let resets
  try {
    resets = await paceLanes(lanes, { rate, ms: seconds * 1000 }, async (post, lane) => (await resetLaneUser(server, post, lane)).ok)
  } finally {
    os.setPriority(0, 0)
  }
  const elapsed = (performance.now() - started) / 1000
  const after = await server.stats()
  // After the reading: the server's handling of the hang-ups is not the window's.
  for (const lane of lanes) lane.close()
  return { resets, resetsPerSecond: resets / elapsed, eventLoopMs: (after.threadCpuMs.eventLoopMs - before.threadCpuMs.eventLoopMs) / Math.max(1, resets) }
}
