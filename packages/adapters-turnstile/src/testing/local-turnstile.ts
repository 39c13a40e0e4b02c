import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * `lose-next-answer`: the next call is answered (its token spent) but the connection drops
 * before the answer arrives, once; then `ok` again.
 */
export type TurnstileBehaviour = 'ok' | 'internal-error' | 'status-500' | 'not-json' | 'down' | 'slow' | 'lose-next-answer'

export interface IssuedToken {
  readonly hostname: string
  readonly action?: string
  /** When the visitor solved the challenge (ms since the epoch); default now. */
  readonly solvedAt?: number
}

export interface SiteverifyCall {
  readonly secret: string | undefined
  readonly response: string | undefined
  readonly remoteip: string | undefined
  readonly idempotencyKey: string | undefined
}

export interface LocalTurnstile {
  /** For `siteverifyUrl`. */
  readonly url: string
  readonly secret: string
  /** What siteverify received, in order (secrets included: this is a test server). */
  readonly calls: SiteverifyCall[]
  /** Makes `token` one a visitor could present, as the widget would mint it. */
  issue(token: string, details: IssuedToken): void
  behave(next: TurnstileBehaviour): void
  close(): Promise<void>
}

const TOKEN_VALIDITY_MS = 300_000

const readBody = async (request: IncomingMessage): Promise<string> => {
  let body = ''
  for await (const chunk of request) body += String(chunk)
  return body
}

/**
 * A local server speaking Turnstile's siteverify API: JSON or form-encoded bodies, the secret
 * checked (`invalid-input-secret`), tokens single-use (`timeout-or-duplicate`) and valid for
 * 300 s, a repeated `idempotency_key` answered as the first time, and the outages a client
 * must survive (Cloudflare's `internal-error`, a 500, an HTML page, a dropped or slow connection).
 */
export async function startLocalTurnstile(): Promise<LocalTurnstile> {
  const secret = '0x4AAAAAAAlocal-test-secret'
  const tokens = new Map<string, IssuedToken & { solvedAt: number }>()
  const spent = new Set<string>()
  const answers = new Map<string, string>()
  const calls: SiteverifyCall[] = []
  let behaviour: TurnstileBehaviour = 'ok'

  const server = createServer((request, response) => {
    void (async () => {
      if (behaviour === 'down') return void request.socket.destroy()
      const raw = await readBody(request)
      if (behaviour === 'slow') await new Promise((resolve) => setTimeout(resolve, 10_000))
      const json = (payload: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
      if (behaviour === 'status-500') return void response.writeHead(500).end('upstream failure')
      if (behaviour === 'not-json') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Just a moment…</html>')
      const fields: Record<string, unknown> = (request.headers['content-type'] ?? '').startsWith('application/json')
        ? (JSON.parse(raw) as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(raw))
      const field = (name: string): string | undefined => (typeof fields[name] === 'string' ? fields[name] : undefined)
      const call = { secret: field('secret'), response: field('response'), remoteip: field('remoteip'), idempotencyKey: field('idempotency_key') }
      calls.push(call)
      if (request.method !== 'POST' || request.url !== '/turnstile/v0/siteverify') return void response.writeHead(404).end()
      const failure = (...codes: string[]) => ({ success: false, 'error-codes': codes, messages: [] })
      if (behaviour === 'internal-error') return json(failure('internal-error'))
      if (call.secret === undefined) return json(failure('missing-input-secret'))
      if (call.secret !== secret) return json(failure('invalid-input-secret'))
      if (call.response === undefined) return json(failure('missing-input-response'))
      const repeated = call.idempotencyKey === undefined ? undefined : answers.get(`${call.idempotencyKey}:${call.response}`)
      if (repeated !== undefined) return void response.writeHead(200, { 'content-type': 'application/json' }).end(repeated)
      const issued = tokens.get(call.response)
      const answer =
        issued === undefined
          ? failure('invalid-input-response')
          : spent.has(call.response) || Date.now() - issued.solvedAt > TOKEN_VALIDITY_MS
            ? failure('timeout-or-duplicate')
            : { success: true, 'error-codes': [], challenge_ts: new Date(issued.solvedAt).toISOString(), hostname: issued.hostname, action: issued.action ?? '', cdata: '' }
      if (issued !== undefined) spent.add(call.response)
      const text = JSON.stringify(answer)
      if (call.idempotencyKey !== undefined) answers.set(`${call.idempotencyKey}:${call.response}`, text)
      if (behaviour === 'lose-next-answer') {
        behaviour = 'ok'
        return void request.socket.destroy()
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(text)
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/turnstile/v0/siteverify`,
    secret,
    calls,
    issue: (token, details) => tokens.set(token, { ...details, solvedAt: details.solvedAt ?? Date.now() }),
    behave: (next) => {
      behaviour = next
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
