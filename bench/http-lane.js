// One keep-alive HTTP/1.1 connection that posts JSON and reads one response at a time: the
// load generator shares the server's cores, so it should cost as little CPU as it can.
// node:http cost ~2.2 ms of client CPU per reset here (fetch about twice that); this reads
// only what the demo sends, a status line, headers and a Content-Length body.
import { connect } from 'node:net'

const HEAD_END = Buffer.from('\r\n\r\n')

export function openLane(url, authorization) {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  socket.setNoDelay(true)
  let received = Buffer.alloc(0)
  let pending
  const fail = (error) => pending?.reject(error)
  socket.on('error', fail)
  socket.on('close', () => fail(new Error('the server closed the connection')))
  socket.on('data', (chunk) => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk])
    const headEnd = received.indexOf(HEAD_END)
    if (headEnd < 0 || pending === undefined) return
    const head = received.toString('latin1', 0, headEnd)
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1]
    if (length === undefined) return fail(new Error(`no Content-Length in ${JSON.stringify(head.slice(0, 40))}`))
    const end = headEnd + HEAD_END.length + Number(length)
    if (received.length < end) return
    const response = { status: Number(head.slice(9, 12)), text: received.toString('utf8', headEnd + HEAD_END.length, end) }
    received = received.subarray(end)
    const { resolve } = pending
    pending = undefined
    resolve(response)
  })
  return {
    post(path, body) {
      const payload = JSON.stringify(body)
      return new Promise((resolve, reject) => {
        pending = { resolve, reject }
        socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nAuthorization: ${authorization}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`)
      })
    },
    close: () => socket.end(),
  }
}
