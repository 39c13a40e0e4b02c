// A local stand-in for the Pwned Passwords range API, with the ways a real one misbehaves: for
// this package's tests and for yours (`@resetkit/adapters-pwned-passwords/testing`).
import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export type RangeBehaviour =
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
