// The floor for the event loop: a bare node:http server that answers the demo's two requests
// (parse the JSON body, answer an otp_token or an empty 200) and nothing else, in the conditions
// the demo's load rounds run in: the same V8 flags, one argon2id thread per core hashing at nice
// +10, and no event-loop delay monitor. Its threads count their hashes, so the argon2id rate that survives
// serving at a row's pace (with the load generator beside it) can be set against the bound.
// Started by bare-http.js with fork(); says { type: 'ready', port }.
import { createRequire } from 'node:module'
import { createServer } from 'node:http'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { eventLoopWaitMs, threadCpuMs } from './thread-cpu.js'

const BUSY_SOURCE = `
const { workerData } = require('node:worker_threads')
const { hashSync } = require(workerData.argon2)
try { require('node:os').setPriority(0, 10) } catch {}
for (;;) {
  hashSync('bench-password', { algorithm: 2, memoryCost: workerData.memoryKib, timeCost: workerData.timeCost, parallelism: 1 })
  Atomics.add(workerData.hashes, 0, 1)
}`
// The bench's hashing threads unless a probe asks for others (bench/cache-thrash-probe.js):
// how many, and the argon2id memory (KiB) and passes each hash takes.
const BUSY = {
  threads: Number(process.env.BARE_BUSY_THREADS ?? availableParallelism()),
  memoryKib: Number(process.env.BARE_BUSY_MEMORY_KIB ?? 19456),
  timeCost: Number(process.env.BARE_BUSY_TIME_COST ?? 2),
}
const argon2 = createRequire(import.meta.url).resolve('@node-rs/argon2')
const hashes = new Int32Array(new SharedArrayBuffer(4))
const busy = Array.from({ length: BUSY.threads }, () => new Worker(BUSY_SOURCE, { eval: true, workerData: { argon2, hashes, memoryKib: BUSY.memoryKib, timeCost: BUSY.timeCost } }))

const OTP_TOKEN = JSON.stringify({ otp_token: 'x'.repeat(43) })

// BARE_HANDOFFS (a probe's, bench/handoff-floor-probe.js): the worker round trips a reset makes,
// as fan-outs in turn, e.g. "1,2" for the demo at N = 5 (the strength check, then the two
// argon2id shares at once). Each goes to a thread of its own at nice +10, as the demo's do, and
// each task is an echo: what the hand-offs cost the event loop, with nothing to compute.
const ECHO_SOURCE = `
const { parentPort } = require('node:worker_threads')
try { require('node:os').setPriority(0, 10) } catch {}
parentPort.on('message', (task) => parentPort.postMessage({ kind: 'done', value: task.password.length }))`
const fanOuts = (process.env.BARE_HANDOFFS ?? '').split(',').filter(Boolean).map(Number)
// Each fan-out has threads of its own (the demo's check thread is not a hashing one), and each
// thread answers in order, so its waiting callers are a queue, as in the demo's pool.
const echoes = Array.from({ length: fanOuts.reduce((sum, width) => sum + width, 0) }, () => {
  const worker = new Worker(ECHO_SOURCE, { eval: true })
  const waiting = []
  worker.on('message', (answer) => waiting.shift()(answer))
  return { worker, waiting }
})
const echo = ({ worker, waiting }, task) => new Promise((resolve) => (waiting.push(resolve), worker.postMessage(task)))
async function handOffs(password) {
  let first = 0
  for (const width of fanOuts) {
    await Promise.all(echoes.slice(first, first + width).map((thread) => echo(thread, { password })))
    first += width
  }
}

const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    const answer = request.url === '/otp/send' && typeof body.email === 'string' ? OTP_TOKEN : ''
    const respond = () => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) })
      response.end(answer)
    }
    if (fanOuts.length === 0 || typeof body.password !== 'string') respond()
    else void handOffs(body.password).then(respond)
  })
})

process.on('message', (message) => {
  if (message.type === 'stats') process.send({ type: 'stats', threadCpuMs: threadCpuMs(), eventLoopWaitMs: eventLoopWaitMs(), hashes: Atomics.load(hashes, 0) })
  if (message.type === 'stop') {
    server.close()
    void Promise.all([...busy, ...echoes.map((echo) => echo.worker)].map((worker) => worker.terminate())).then(() => process.exit(0))
  }
})
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }))
