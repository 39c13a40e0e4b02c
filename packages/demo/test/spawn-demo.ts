import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))

export interface SpawnedDemo {
  readonly url: string
  /** Everything the process printed so far. */
  output(): string
  /** Waits until the output matches, and returns the match. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  stop(): Promise<void>
}

/** Starts the built demo (`pnpm start`'s process) on an ephemeral port, as a person would. */
export async function spawnDemo(env: Record<string, string> = {}): Promise<SpawnedDemo> {
  const child: ChildProcess = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const waitFor = async (pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> => {
    const started = Date.now()
    for (;;) {
      const match = output.match(pattern)
      if (match !== null) return match
      if (Date.now() - started > timeoutMs || child.exitCode !== null) throw new Error(`no ${pattern} in output:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
  const url = (await waitFor(/listening on (http:\/\/localhost:\d+)/))[1] ?? ''
  return {
    url,
    output: () => output,
    waitFor,
    async stop() {
      child.kill('SIGTERM')
      if (child.exitCode === null) await once(child, 'exit')
    },
  }
}
