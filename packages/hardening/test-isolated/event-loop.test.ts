import { adversarialPasswords } from '@resetkit/testing/adversarial'
import { setPriority } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The demo's deps in their own process, so the delay measured is the server's alone.
import { startBenchServer, type BenchServer } from '@resetkit/bench/server-client'
import { watchMachinePauses, type MachinePauseWatcher } from '@resetkit/bench/machine-pauses'

const WEB_AUTH = `Basic ${btoa(`demo-web:${encodeURIComponent('demo-web-secret:%/&')}`)}`
let server: BenchServer
let machine: MachinePauseWatcher

beforeAll(async () => {
  server = await startBenchServer()
  // At the server's priority, so what it sees is the machine's pauses alone.
  machine = await watchMachinePauses()
  // This process plays the remote clients; on a real deployment their CPU is elsewhere.
  setPriority(0, 15)
})
afterAll(async () => {
  machine.close()
  setPriority(0, 0)
  await server.stop()
})

const post = (path: string, body: object) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: WEB_AUTH }, body: JSON.stringify(body) })

async function freshCode(): Promise<{ token: string; code: string }> {
  const code = server.nextCode('alice@example.com')
  const sent = await post('/otp/send', { usage: 'reset_password', email: 'alice@example.com' })
  return { token: ((await sent.json()) as { otp_token: string }).otp_token, code: await code }
}

describe('event loop under adversarial passwords', () => {
  it('submitting 436 adversarial passwords, 8 at a time, never blocks the event loop: at most 2 iterations delayed ≥ 20 ms', async () => {
    let { token, code } = await freshCode()
    // A well-sized password: zxcvbn loads its dictionaries now, outside the measure.
    await (await post('/reset_user_password', { password: 'password-warm-up', email: 'alice@example.com', email_otp_token: token, email_otp: code })).text()
    ;({ token, code } = await freshCode())
    server.resetStats()
    await machine.reset()
    const passwords = adversarialPasswords()
    const statuses: number[] = []
    for (let i = 0; i < passwords.length; i += 8) {
      const responses = await Promise.all(
        passwords.slice(i, i + 8).map((password) => post('/reset_user_password', { password, email: 'alice@example.com', email_otp_token: token, email_otp: code })),
      )
      await Promise.all(responses.map((response) => response.text()))
      statuses.push(...responses.map((response) => response.status))
      // A strong one may have been accepted, using the code: ask for a fresh one.
      if (responses.some((response) => response.status === 200)) ({ token, code } = await freshCode())
    }
    const stats = await server.stats()
    const pauses = await machine.read()
    console.log(
      `server event-loop delay over ${passwords.length} adversarial resets: p50 ${stats.p50Ms.toFixed(1)} ms, p99 ${stats.p99Ms.toFixed(1)} ms, ` +
        `max ${stats.maxMs.toFixed(1)} ms, ${stats.delayedAtLeast20Ms} of ${stats.samples} iterations delayed ≥ 20 ms; ` +
        `a bare process beside it: max ${pauses.maxMs.toFixed(1)} ms, ${pauses.atLeast20Ms} pauses ≥ 20 ms`,
    )
    expect(statuses).toContain(400)
    expect(statuses).toContain(200)
    // An input that blocks shows as dozens of delayed iterations (zxcvbn moved onto the event
    // loop, 2026-11-23: 45 iterations ≥ 20 ms, worst 174 ms); what remains here is the odd V8 GC
    // pause (scavenge 5–12 ms, mark-compact ~20 ms) on two busy cores, so a pause or two is
    // tolerated. No single stall may reach 100 ms; other load on the machine can push a GC
    // pause past 50 ms, so the bound is not tighter. Pauses of the whole machine (a virtual
    // machine's host stopping it, ~100 ms at a time on some CI hosts, 2026-12-06) stop a bare
    // process too, so the server is judged beyond them: its slow iterations beyond the bare
    // process's pauses, and its worst against 100 ms or 50 ms over the bare process's worst.
    expect(stats.delayedAtLeast20Ms).toBeLessThanOrEqual(2 + pauses.atLeast20Ms)
    expect(stats.maxMs).toBeLessThan(Math.max(100, pauses.maxMs + 50))
    expect(stats.p99Ms).toBeLessThan(10)
  })
})
