import { spawn } from 'node:child_process'
import { once } from 'node:events'

/** What a process doing nothing but a 1 ms timer saw: pauses of the whole machine, not of the server. */
export interface MachinePauses {
  readonly maxMs: number
  readonly atLeast20Ms: number
}

// Timer gaps beyond the 1 ms asked for, counted the way the server's delay monitor counts them.
const WATCHER = `
let last = performance.now(), maxMs = 0, atLeast20Ms = 0
setInterval(() => {
  const now = performance.now(), pause = now - last - 1
  last = now
  if (pause > maxMs) maxMs = pause
  if (pause >= 20) atLeast20Ms++
}, 1)
process.on('message', (message) => {
  if (message === 'reset') (maxMs = 0), (atLeast20Ms = 0)
  process.send({ maxMs, atLeast20Ms })
})
process.on('disconnect', () => process.exit(0))
process.send('ready')
`

/**
 * Starts a bare process that watches for pauses of the machine itself: a virtual machine's
 * host can stop every process at once (seen on this project's CI hosts: ~100 ms, at the same
 * moments in the server and in such a watcher at nice −10). Start it before lowering this
 * process's priority: it inherits the priority it is started with.
 */
export async function watchMachinePauses(): Promise<{ reset(): Promise<void>; read(): Promise<MachinePauses>; close(): void }> {
  const child = spawn(process.execPath, ['-e', WATCHER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  await once(child, 'message')
  const ask = async (message: 'reset' | 'read'): Promise<MachinePauses> => {
    child.send(message)
    const [pauses] = (await once(child, 'message')) as [MachinePauses]
    return pauses
  }
  return {
    reset: async () => void (await ask('reset')),
    read: () => ask('read'),
    close: () => child.disconnect(),
  }
}
