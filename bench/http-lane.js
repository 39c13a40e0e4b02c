// One keep-alive HTTP/1.1 connection that posts JSON and reads one response at a time: the
// load generator shares the server's cores, so it should cost as little CPU as it can.
// node:http cost ~2.2 ms of client CPU per reset here (fetch about twice that); this reads
// only what the servers send: a status line, headers and a Content-Length or chunked body.
import { connect } from 'node:net'

const HEAD_END = Buffer.from('\r\n\r\n')

/**
 * The body after the head: by Content-Length, or chunked (node-fetch-server streams its bodies);
 * null until all of it has arrived.
 */
function readBody(head, received, start) {
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1]
  if (length !== undefined) {
    const end = start + Number(length)
    return received.length < end ? null : { text: received.toString('utf8', start, end), end }
  }
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return new Error(`neither Content-Length nor chunked in ${JSON.stringify(head.slice(0, 40))}`)
  const parts = []
  let at = start
  for (;;) {
    const lineEnd = received.indexOf('\r\n', at)
    if (lineEnd < 0) return null
    const size = parseInt(received.toString('latin1', at, lineEnd), 16)
    const dataEnd = lineEnd + 2 + size
    if (received.length < dataEnd + 2) return null
    if (size === 0) return { text: Buffer.concat(parts).toString('utf8'), end: dataEnd + 2 }
    parts.push(received.subarray(lineEnd + 2, dataEnd))
    at = dataEnd + 2
  }
}

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
    const read = readBody(head, received, headEnd + HEAD_END.length)
    if (read instanceof Error) return fail(read)
    if (read === null) return
    received = received.subarray(read.end)
    const { resolve } = pending
    pending = undefined
    resolve({ status: Number(head.slice(9, 12)), text: read.text })
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
