// A bare process that watches for pauses of the machine itself: a virtual machine's host can
// stop every process at once (seen on this project's CI hosts, 2026-12-06: ~100 ms at a time, at
// the same moments in the bench server and in such a watcher at nice −10). It measures with the
// bench server's instrument (a 1 ms monitorEventLoopDelay, read by bench/loop-delay.js), so its
// figures and the server's stats can be set side by side.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { iterationsDelayedAtLeast } from './loop-delay.js'

if (process.argv[2] === 'watch') {
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  process.on('message', (message) => {
    if (message === 'reset') delay.reset()
    process.send({ maxMs: delay.max / 1e6, atLeast20Ms: iterationsDelayedAtLeast(delay, 20) })
  })
  process.on('disconnect', () => process.exit(0))
  process.send('ready')
}

/** Starts the watcher; it inherits this process's priority, so start it before lowering that. */
export async function watchMachinePauses() {
  const child = fork(new URL(import.meta.url), ['watch'], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  await once(child, 'message')
  const ask = async (message) => {
    child.send(message)
    const [pauses] = await once(child, 'message')
    return pauses
  }
  return {
    reset: async () => void (await ask('reset')),
    read: () => ask('read'),
    close: () => child.disconnect(),
  }
}
