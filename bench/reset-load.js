// Resets per second over HTTP: each of `concurrency` clients owns one user and loops
// send → code → reset with a fresh strong password, for `seconds`.
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'

const WEB_AUTH = `Basic ${btoa(`demo-web:${encodeURIComponent('demo-web-secret:%/&')}`)}`

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

// node:http with keep-alive: the load generator shares the server's cores, so it should cost
// as little CPU as possible (fetch cost about twice as much per reset here).
function poster(url, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  return (path, body) =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body)
      const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: WEB_AUTH }
      const req = request(`${url}${path}`, { method: 'POST', agent, headers }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode, text }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(payload)
    })
}

export async function resetLoad(server, { concurrency, seconds }) {
  const post = poster(server.url, concurrency)
  const latencies = []
  let failures = 0
  server.resetStats()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const until = started + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      const email = `bench-${lane}@example.com`
      while (performance.now() < until) {
        const code = server.nextCode(email)
        const sent = await post('/otp/send', { usage: 'reset_password', email })
        const { otp_token } = JSON.parse(sent.text)
        // Not "Bench-…": with a digit after it, that would contain "bench-<lane>", the user's own
        // email name, and the policy rightly refuses it.
        const body = { password: `Load-${randomBytes(12).toString('base64url')}`, email, email_otp_token: otp_token, email_otp: await code }
        const t0 = performance.now()
        const response = await post('/reset_user_password', body)
        if (response.status === 200) latencies.push(performance.now() - t0)
        else failures++
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
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
    /** The load generator's own CPU, which a real deployment would not have on its cores. */
    clientCpuMsPerReset: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
  }
}
