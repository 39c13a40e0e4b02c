import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The README's walkthrough against the built server, read from its stdout as a person would.
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))
let server: ChildProcess
let output = ''
let url = ''

const waitFor = async (pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> => {
  const started = Date.now()
  for (;;) {
    const match = output.match(pattern)
    if (match !== null) return match
    if (Date.now() - started > timeoutMs) throw new Error(`no ${pattern} in output:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

beforeAll(async () => {
  server = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  url = (await waitFor(/listening on (http:\/\/localhost:\d+)/))[1] ?? ''
})
afterAll(async () => {
  server.kill('SIGTERM')
  await once(server, 'exit')
})

describe('pnpm start', () => {
  it('prints the URL and a curl walkthrough, then serves send → [dev-otp] line → reset', async () => {
    expect(output).toContain('curl -i -X POST')
    const headers = { 'content-type': 'application/json', authorization: `Basic ${btoa('demo-web:demo-web-secret%3A%25%2F%26')}` }
    const sent = await fetch(`${url}/otp/send`, { method: 'POST', headers, body: JSON.stringify({ usage: 'reset_password', email: 'alice@example.com' }) })
    expect(sent.status).toBe(200)
    const { otp_token } = (await sent.json()) as { otp_token: string }
    const code = (await waitFor(/\[dev-otp\] to=alice@example\.com otp=(\d{6})/))[1]
    const reset = await fetch(`${url}/reset_user_password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ password: 'Amber-Lighthouse-Quiet-93', email: 'alice@example.com', email_otp_token: otp_token, email_otp: code }),
    })
    expect([reset.status, await reset.text()]).toEqual([200, ''])
    // Nothing but the dev-otp line carries a secret: the password never reaches the output.
    expect(output).not.toContain('Amber-Lighthouse-Quiet-93')
    expect(output).not.toContain(otp_token)
  })
})
