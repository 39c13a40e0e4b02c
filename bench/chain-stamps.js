// `--import`ed into the bench server by `bench/chain-timeline.js`, and so into each of its worker
// threads (they inherit the server's execArgv): stamps the steps of a reset's chain on one clock
// (CLOCK_MONOTONIC, the same on every thread), without touching resetkit's code.
// - the event loop: each request's start and its response's finish (Node's diagnostics channels),
//   each task posted to a worker thread and each answer read back from one;
// - each worker thread: when a task starts running there, and when its answer is posted.
// Each stamp is an array push; the worker threads' stamps stay with them until collected, over a
// BroadcastChannel that keeps no thread alive. The server hands everything to the bench process
// when it asks ({ type: 'chain-stamps' } over IPC).
import { subscribe } from 'node:diagnostics_channel'
import { BroadcastChannel, isMainThread, parentPort, threadId, Worker } from 'node:worker_threads'

const now = () => Number(process.hrtime.bigint()) / 1e6
const stamps = []
const channel = new BroadcastChannel('resetkit-chain-stamps')

if (isMainThread) {
  subscribe('http.server.request.start', ({ request }) => stamps.push({ at: now(), step: 'request', path: request.url }))
  subscribe('http.server.response.finish', ({ request }) => stamps.push({ at: now(), step: 'response', path: request.url }))
  const { postMessage, emit } = Worker.prototype
  Worker.prototype.postMessage = function (task, ...rest) {
    stamps.push({ at: now(), step: 'post', thread: this.threadId, op: task?.op })
    return postMessage.call(this, task, ...rest)
  }
  Worker.prototype.emit = function (event, ...args) {
    if (event === 'message' && args[0]?.kind !== 'ready') stamps.push({ at: now(), step: 'answer', thread: this.threadId })
    return emit.call(this, event, ...args)
  }
  const workerStamps = []
  channel.onmessage = ({ data }) => {
    if (data.kind === 'stamps') workerStamps.push(...data.stamps)
  }
  channel.unref() // after onmessage, which would otherwise keep this process alive
  process.on('message', (message) => {
    if (message.type !== 'chain-stamps') return
    workerStamps.length = 0
    channel.postMessage({ kind: 'collect' })
    // Every live worker thread answers between two of its tasks; the bench is idle by now.
    setTimeout(() => process.send({ type: 'chain-stamps', stamps: [...stamps, ...workerStamps] }), 500)
  })
} else if (parentPort !== null) {
  // The pool thread adds one 'message' listener to parentPort and answers with postMessage.
  const port = parentPort
  const { on, postMessage } = port
  port.on = function (event, listener) {
    if (event !== 'message') return on.call(this, event, listener)
    return on.call(this, event, (task) => {
      stamps.push({ at: now(), step: 'start', thread: threadId, op: task?.op })
      listener(task)
    })
  }
  port.postMessage = function (reply, ...rest) {
    if (reply?.kind === 'done' || reply?.kind === 'failed') stamps.push({ at: now(), step: 'end', thread: threadId })
    return postMessage.call(this, reply, ...rest)
  }
  channel.onmessage = ({ data }) => {
    if (data.kind === 'collect') channel.postMessage({ kind: 'stamps', stamps: stamps.splice(0) })
  }
  channel.unref() // the zxcvbn loader thread must still end once it has loaded
}
