// Resets per second over HTTP: each of `concurrency` clients owns one user and loops
// send → code → reset with a fresh strong password, for `seconds`.
import { randomBytes } from 'node:crypto'

const WEB_AUTH = `Basic ${btoa(`demo-web:${encodeURIComponent('demo-web-secret:%/&')}`)}`

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

export async function resetLoad(server, { concurrency, seconds }) {
  const post = (path, body) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: WEB_AUTH }, body: JSON.stringify(body) })
  const latencies = []
  let failures = 0
  server.resetStats()
  const started = performance.now()
  const until = started + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      const email = `bench-${lane}@example.com`
      while (performance.now() < until) {
        const code = server.nextCode(email)
        const sent = await post('/otp/send', { usage: 'reset_password', email })
        const { otp_token } = await sent.json()
        const body = { password: `Bench-${randomBytes(12).toString('base64url')}`, email, email_otp_token: otp_token, email_otp: await code }
        const t0 = performance.now()
        const response = await post('/reset_user_password', body)
        await response.text()
        if (response.status === 200) latencies.push(performance.now() - t0)
        else failures++
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  const loop = await server.stats()
  latencies.sort((a, b) => a - b)
  return {
    concurrency,
    resets: latencies.length,
    failures,
    resetsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    loopDelayP99Ms: loop.p99Ms,
    loopDelayMaxMs: loop.maxMs,
  }
}
