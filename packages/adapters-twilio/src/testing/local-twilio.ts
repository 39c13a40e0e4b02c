import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export type TwilioBehaviour =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly status: number; readonly code: number }
  | { readonly kind: 'slow' }
  | { readonly kind: 'down' }

export interface ReceivedMessage {
  readonly accountSid: string
  readonly to: string
  readonly from: string | null
  readonly messagingServiceSid: string | null
  readonly body: string
}

export interface LocalTwilio {
  /** For the sender's `apiBaseUrl`. */
  readonly baseUrl: string
  readonly credentials: { readonly accountSid: string; readonly authToken: string }
  readonly received: ReceivedMessage[]
  behave(next: TwilioBehaviour): void
  close(): Promise<void>
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  let body = ''
  for await (const chunk of request) body += String(chunk)
  return body
}

/**
 * A local server speaking Twilio's Messages API (2010-04-01) for `messages.create`: HTTP Basic
 * with the account SID and auth token, a form-encoded body, 201 with the message resource, or
 * Twilio's error body (`code`, `message`, `more_info`, `status`).
 */
export async function startLocalTwilio(): Promise<LocalTwilio> {
  const credentials = { accountSid: `AC${'0123456789abcdef'.repeat(2)}`, authToken: 'local auth token' }
  let behaviour: TwilioBehaviour = { kind: 'ok' }
  const received: ReceivedMessage[] = []
  let serial = 0
  const server = createServer((request, response) => {
    void (async () => {
      if (behaviour.kind === 'down') return void request.socket.destroy()
      const body = new URLSearchParams(await readBody(request))
      if (behaviour.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, 15_000))
      const json = (status: number, payload: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
      const fail = (status: number, code: number, message: string) => json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status })
      const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(request.url ?? '')
      if (request.method !== 'POST' || match === null) return fail(404, 20404, 'The requested resource was not found')
      const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`
      if (request.headers.authorization !== expected || match[1] !== credentials.accountSid) return fail(401, 20003, 'Authenticate')
      const to = body.get('To') ?? ''
      if (!/^\+[1-9]\d{6,14}$/.test(to)) return fail(400, 21211, `The 'To' number ${to} is not a valid phone number.`)
      const message = { accountSid: match[1], to, from: body.get('From'), messagingServiceSid: body.get('MessagingServiceSid'), body: body.get('Body') ?? '' }
      received.push(message)
      if (behaviour.kind === 'error') return fail(behaviour.status, behaviour.code, `Simulated error ${behaviour.code} for ${to}`)
      json(201, { sid: `SM${String(++serial).padStart(32, '0')}`, account_sid: message.accountSid, to, from: message.from, body: message.body, status: 'queued', num_segments: '1', api_version: '2010-04-01' })
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials,
    received,
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
