// What bench/perf-parts.js and bench/syscall-probe.js share: a paced window of the demo server
// recorded by a tool attached to its process.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pacedLoad } from './paced-load.js'
import { warmUp } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'

// The tool has attached once it runs; a window started earlier would miss what it records.
const ATTACH_MS = 500

/**
 * The demo server at history `history` (node flags `execArgv`), after the bench's warm-up, serving
 * 8 lanes paced to `rate` resets/s for `seconds` while `tool(pid, dir)` ([command, ...args]) records
 * it, writing into `dir`, a directory of its own. The tool is stopped with SIGINT when the window
 * ends, then the server; `read(dir, pid)` reads what the tool wrote before `dir` is removed.
 */
export async function tracedPacedWindow({ history, rate, seconds, execArgv = DEMO_NODE_FLAGS }, tool, read) {
  const dir = mkdtempSync(join(tmpdir(), 'traced-window-'))
  try {
    const server = await startBenchServer({ BENCH_USERS: '8', PASSWORD_HISTORY: String(history) }, execArgv)
    await warmUp(server)
    server.pauseStats()
    const [command, ...args] = tool(server.pid, dir)
    const tracer = spawn(command, args, { stdio: 'ignore' })
    await new Promise((resolve) => setTimeout(resolve, ATTACH_MS))
    const window = await pacedLoad(server, { concurrency: 8, rate, seconds })
    tracer.kill('SIGINT')
    await once(tracer, 'exit')
    await server.stop()
    return { window, recorded: read(dir, server.pid) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
