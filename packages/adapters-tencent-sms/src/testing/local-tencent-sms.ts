import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { Agent, createServer, type IncomingMessage } from 'node:http'
import type { LookupFunction } from 'node:net'
import type { AddressInfo } from 'node:net'

/** How the local API answers the next calls. */
export type TencentBehaviour =
  | { readonly kind: 'ok' }
  | { readonly kind: 'status'; readonly code: string } // the call succeeds, the number's status does not
  | { readonly kind: 'error'; readonly code: string } // Response.Error
  | { readonly kind: 'slow' }
  | { readonly kind: 'down' }

export interface ReceivedSms {
  readonly region: string
  readonly body: { PhoneNumberSet: string[]; SmsSdkAppId: string; SignName: string; TemplateId: string; TemplateParamSet: string[] }
}

export interface LocalTencentSms {
  /** `sms.tencentcloudapi.com:<port>`, for the sender's `endpoint`: the SDK names the signed service after the host's first label. */
  readonly endpoint: string
  /** An agent that resolves every host to this server: give it as the sender's `agent`. */
  readonly agent: Agent
  readonly credentials: { readonly secretId: string; readonly secretKey: string }
  readonly received: ReceivedSms[]
  /** Calls refused because their TC3-HMAC-SHA256 signature did not verify. */
  readonly badSignatures: number
  behave(next: TencentBehaviour): void
  close(): Promise<void>
}

const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex')
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest()

/**
 * TC3-HMAC-SHA256 as Tencent Cloud documents it (API signature v3), computed here independently
 * of the SDK: canonical request → string to sign → date/service/"tc3_request" derived key.
 */
export function tc3Signature(input: { method: string; path: string; query: string; headers: Readonly<Record<string, string>>; signedHeaders: string; body: string; timestamp: number; service: string; secretKey: string }): string {
  const canonicalHeaders = input.signedHeaders
    .split(';')
    .map((name) => `${name}:${(input.headers[name] ?? '').trim().toLowerCase()}\n`)
    .join('')
  const canonicalRequest = [input.method, input.path, input.query, canonicalHeaders, input.signedHeaders, sha256Hex(input.body)].join('\n')
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10)
  const scope = `${date}/${input.service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n')
  const key = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request')
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex')
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  let body = ''
  for await (const chunk of request) body += String(chunk)
  return body
}

/** A local server speaking Tencent Cloud SMS's `SendSms` (2021-01-11), checking the signature of every call. */
export async function startLocalTencentSms(): Promise<LocalTencentSms> {
  const credentials = { secretId: 'AKIDlocal0000000000000000000000000000', secretKey: 'local secret key:%/&' }
  let behaviour: TencentBehaviour = { kind: 'ok' }
  const received: ReceivedSms[] = []
  let badSignatures = 0
  let serial = 0

  const server = createServer((request, response) => {
    void (async () => {
      if (behaviour.kind === 'down') return void request.socket.destroy()
      const body = await readBody(request)
      if (behaviour.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, 15_000))
      const requestId = `local-${++serial}`
      const reply = (payload: Record<string, unknown>) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Response: { ...payload, RequestId: requestId } }))
      const fail = (code: string, message: string) => reply({ Error: { Code: code, Message: message } })

      const authorization = request.headers.authorization ?? ''
      const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(authorization)
      const timestamp = Number(request.headers['x-tc-timestamp'])
      if (match === null || match[1] !== credentials.secretId) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found.')
      if (!(Math.abs(Date.now() / 1000 - timestamp) < 300)) return fail('AuthFailure.SignatureExpire', 'Signature expired.')
      const headers: Record<string, string> = { 'content-type': String(request.headers['content-type'] ?? ''), host: (request.headers.host ?? '').replace(/:\d+$/, '') }
      const [path = '/', query = ''] = (request.url ?? '/').split('?')
      const expected = tc3Signature({ method: request.method ?? 'POST', path, query, headers, signedHeaders: match[4] ?? '', body, timestamp, service: match[3] ?? '', secretKey: credentials.secretKey })
      if (match[3] !== 'sms' || headers.host !== 'sms.tencentcloudapi.com' || !timingSafeEqual(Buffer.from(expected), Buffer.from(match[5] ?? ''))) {
        badSignatures++
        return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.')
      }
      if (request.headers['x-tc-action'] !== 'SendSms' || request.headers['x-tc-version'] !== '2021-01-11') return fail('InvalidAction', 'Unknown action.')

      const parsed = JSON.parse(body) as ReceivedSms['body']
      received.push({ region: String(request.headers['x-tc-region'] ?? ''), body: parsed })
      if (behaviour.kind === 'error') return fail(behaviour.code, `simulated error for ${parsed.PhoneNumberSet.join(',')}`)
      const code = behaviour.kind === 'status' ? behaviour.code : 'Ok'
      reply({
        SendStatusSet: parsed.PhoneNumberSet.map((phoneNumber) => ({
          SerialNo: `sn-${serial}`,
          PhoneNumber: phoneNumber,
          Fee: code === 'Ok' ? 1 : 0,
          SessionContext: '',
          Code: code,
          Message: code === 'Ok' ? 'send success' : `simulated ${code} for ${phoneNumber}`,
          IsoCode: 'CN',
        })),
      })
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  // Every name is this server, so the SDK can be pointed at Tencent's own host name.
  const lookup = ((_host: string, options: { all?: boolean }, callback: (error: null, address: string | { address: string; family: number }[], family?: number) => void) =>
    options.all === true ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) as unknown as LookupFunction
  const agent = new Agent({ keepAlive: false, lookup })
  return {
    endpoint: `sms.tencentcloudapi.com:${(server.address() as AddressInfo).port}`,
    agent,
    credentials,
    received,
    get badSignatures() {
      return badSignatures
    },
    behave: (next) => {
      behaviour = next
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
