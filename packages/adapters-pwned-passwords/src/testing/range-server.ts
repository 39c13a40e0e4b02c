// A local stand-in for the Pwned Passwords range API, with the ways a real one misbehaves: for
// this package's tests and for yours (`@resetkit/adapters-pwned-passwords/testing`).
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rangeLineFor } from './range-line.js'

export type RangeBehaviour =
  /** A real range API over this corpus: each prefix gets its own suffixes, padded with count-0 lines. */
  | { readonly kind: 'corpus'; readonly passwords: readonly string[]; readonly padTo?: number }
  | { readonly kind: 'lines'; readonly lines: readonly string[]; readonly eol?: '\n' | '\r\n' }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'slow_headers'; readonly delayMs: number }
  | { readonly kind: 'slow_body'; readonly delayMs: number }
  | { readonly kind: 'raw'; readonly body: string }
  | { readonly kind: 'bytes'; readonly size: number }

export interface SeenRequest {
  readonly url: string
  readonly headers: IncomingHttpHeaders
}

export interface RangeServer {
  readonly url: string
  readonly requests: readonly SeenRequest[]
  respond(behaviour: RangeBehaviour): void
  close(): Promise<void>
}

function rangeFor({ passwords, padTo = 0 }: { readonly passwords: readonly string[]; readonly padTo?: number }, prefix: string): string {
  const lines = passwords.map((password) => rangeLineFor(password)).filter((entry) => entry.prefix === prefix.toUpperCase()).map((entry) => entry.line)
  // Padding as the real API adds it: random suffixes seen 0 times, so every answer has one size.
  while (lines.length < padTo) lines.push(`${randomBytes(18).toString('hex').slice(0, 35).toUpperCase()}:0`)
  // A real range is never empty; neither is this one.
  if (lines.length === 0) lines.push(`${'0'.repeat(35)}:0`)
  return lines.join('\r\n')
}

export async function startRangeServer(): Promise<RangeServer> {
  let behaviour: RangeBehaviour = { kind: 'lines', lines: [] }
  const requests: SeenRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => (timers.delete(timer), run()), ms)
    timers.add(timer)
  }
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers })
    const current = behaviour
    switch (current.kind) {
      case 'corpus':
        response.writeHead(200, { 'content-type': 'text/plain' }).end(rangeFor(current, (request.url ?? '').slice('/range/'.length)))
        return
      case 'lines':
        response.writeHead(200, { 'content-type': 'text/plain' }).end(current.lines.join(current.eol ?? '\r\n'))
        return
      case 'status':
        response.writeHead(current.status).end('<html>error</html>')
        return
      case 'slow_headers':
        later(current.delayMs, () => response.writeHead(200).end('0018A45C4D1DEF81644B54AB7F969B88D65:1'))
        return
      case 'slow_body':
        response.writeHead(200).write('0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n')
        later(current.delayMs, () => response.end('00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2'))
        return
      case 'raw':
        response.writeHead(200).end(current.body)
        return
      case 'bytes':
        response.writeHead(200).end('A'.repeat(current.size))
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (next) => {
      behaviour = next
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
