import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { printLine } from '../src/print-line.js'

const BUILT = new URL('../dist/print-line.js', import.meta.url).href

afterEach(() => {
  vi.restoreAllMocks()
})

// The demo's output as a process prints it: run `source` (an ES module) and read its stdout.
const stdoutOf = (source: string): string => {
  try {
    return execFileSync(process.execPath, ['--input-type=module', '-e', `import { printLine } from ${JSON.stringify(BUILT)}\n${source}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch (error) {
    return (error as { stdout: string }).stdout
  }
}

describe('printLine', () => {
  it('writes the lines of one turn of the event loop in one write, in order, once the turn ends', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    printLine('[dev-notify] to=a@example.com event=password_changed')
    printLine('[dev-sessions] user=a revoked=1')
    expect(write).not.toHaveBeenCalled()
    await new Promise((resolve) => setImmediate(resolve))
    expect(write.mock.calls).toEqual([['[dev-notify] to=a@example.com event=password_changed\n[dev-sessions] user=a revoked=1\n']])
    printLine('[dev-otp] to=b@example.com otp=123456')
    await new Promise((resolve) => setImmediate(resolve))
    expect(write.mock.calls.slice(1)).toEqual([['[dev-otp] to=b@example.com otp=123456\n']])
  })

  it('still writes a line printed just before the process exits, whether by process.exit or an uncaught error', () => {
    expect(stdoutOf(`printLine('one'); printLine('two'); process.exit(0)`)).toBe('one\ntwo\n')
    expect(stdoutOf(`printLine('before the crash'); throw new Error('boom')`)).toBe('before the crash\n')
    expect(stdoutOf(`printLine('then'); await new Promise((resolve) => setTimeout(resolve, 10)); printLine('later')`)).toBe('then\nlater\n')
  })
})
