// What the demo's two requests cost a bare node:http server at the same pace and concurrency:
// the event-loop CPU below which no transport or library can go on this machine. At 40
// requests a second one costs several times what it does back to back (caches gone cold,
// the thread woken for each), so the floor is measured at each row's own rate.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import os from 'node:os'
import { openLane } from './http-lane.js'
import { paceLanes } from './paced-load.js'
import { DEMO_NODE_FLAGS } from './server-client.js'

/**
 * Event-loop ms per reset (one send and one reset request) at `resetsPerSecond` over
 * `concurrency` lanes, and the argon2id ops/s its hashing threads kept meanwhile. `busy`
 * replaces those threads ({ threads, memoryKib, timeCost }); by default one per core, as the
 * bench hashes. `handOffs` adds a reset's worker round trips, as fan-outs in turn ([1, 2]).
 */
export async function bareHttpFloor({ concurrency, resetsPerSecond, seconds, busy, handOffs }) {
  const env = { ...process.env }
  // The worker round trips each reset makes (bare-http-server.js, BARE_HANDOFFS); none by default.
  if (handOffs !== undefined) env.BARE_HANDOFFS = handOffs.join(',')
  if (busy !== undefined) Object.assign(env, { BARE_BUSY_THREADS: String(busy.threads), BARE_BUSY_MEMORY_KIB: String(busy.memoryKib), BARE_BUSY_TIME_COST: String(busy.timeCost) })
  const child = fork(new URL('./bare-http-server.js', import.meta.url), { execArgv: DEMO_NODE_FLAGS, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const [ready] = await once(child, 'message')
  const stats = async () => (child.send({ type: 'stats' }), (await once(child, 'message'))[0])
  const lanes = Array.from({ length: concurrency }, () => openLane(`http://127.0.0.1:${ready.port}`, 'Basic YmVuY2g6YmVuY2g='))
  const reset = async (post, lane) => {
    await post('/otp/send', { usage: 'reset_password', email: `bench-${lane}@example.com` })
    await post('/reset_user_password', { password: 'Load-abcdefghijklmnop', email: `bench-${lane}@example.com`, email_otp_token: 'x'.repeat(43), email_otp: '123456' })
    return true // the bare server answers every request alike, so every reset counts
  }
  // 2,000 resets back to back first, so V8 has optimised this server's request path before it is
  // measured, as the demo's has been (bench/reset-load.js, WARM_UP).
  const burst = (count) => Promise.all(lanes.map(async ({ post }, lane) => {
    for (let k = lane; k < count; k += concurrency) await reset(post, lane)
  }))
  const pace = (ms) => paceLanes(lanes, { rate: resetsPerSecond, ms }, reset)
  // This process plays the clients at the lowest priority, as against the demo, but only once
  // the server is started: a child inherits its parent's nice value, and a server forked at +19
  // would put its own event loop below its argon2id threads (+10).
  os.setPriority(0, 19)
  await burst(2000)
  await pace(1000) // settles at the row's pace
  const before = await stats()
  const started = performance.now()
  const resets = await pace(seconds * 1000)
  const after = await stats()
  const elapsedSeconds = (performance.now() - started) / 1000
  os.setPriority(0, 0)
  for (const lane of lanes) lane.close()
  child.send({ type: 'stop' })
  await once(child, 'exit')
  return {
    eventLoopMs: before.threadCpuMs === null ? null : (after.threadCpuMs.eventLoopMs - before.threadCpuMs.eventLoopMs) / Math.max(1, resets),
    eventLoopWaitMs: before.eventLoopWaitMs === null ? null : (after.eventLoopWaitMs - before.eventLoopWaitMs) / Math.max(1, resets),
    argon2OpsPerSecond: (after.hashes - before.hashes) / elapsedSeconds,
  }
}
