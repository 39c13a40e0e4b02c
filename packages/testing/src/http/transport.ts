import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http'
import type { HttpResponse, ResetkitHttpDeps } from '@resetkit/http'

/** A request as a test writes it: headers as pairs, so one may be sent twice. */
export interface WireRequest {
  readonly method: string
  readonly path: string
  readonly headers?: readonly (readonly [string, string])[]
  readonly body?: string
}

/** What a transport answered, as read off the wire: the same shape as http's own response. */
export type WireResponse = HttpResponse

export type Transport = (request: WireRequest) => Promise<WireResponse>

export interface ServedTransport {
  readonly transport: Transport
  close(): Promise<void>
}

/** What the suite asks of a transport under test: serve these deps, with this body limit. */
export type ServeTransport = (deps: ResetkitHttpDeps, options: { readonly bodyLimitBytes: number }) => Promise<ServedTransport>

export async function toWireResponse(response: Response): Promise<WireResponse> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { status: response.status, headers, body: await response.text() }
}

/**
 * Sends WireRequests to a listening server with node:http, which (unlike fetch, which merges
 * them) puts a repeated header on the wire as separate lines: what a hostile client can do, and
 * what a listening transport must survive.
 */
export function nodeHttpTransport(baseUrl: string): Transport {
  return ({ method, path, headers = [], body }) =>
    new Promise((resolve, reject) => {
      const grouped: OutgoingHttpHeaders = {}
      for (const [name, value] of headers) {
        const previous = grouped[name]
        grouped[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [String(previous)]), value]
      }
      if (body !== undefined) {
        grouped['content-type'] ??= 'text/plain;charset=UTF-8'
        // Framed as fetch frames it; Node would send a DELETE body with no framing at all.
        grouped['content-length'] = Buffer.byteLength(body)
      }
      const outgoing = httpRequest(`${baseUrl}${path}`, { method, headers: grouped }, (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () => {
          const responseHeaders: Record<string, string> = {}
          for (const [name, value] of Object.entries(incoming.headersDistinct)) if (value !== undefined) responseHeaders[name] = value.join(', ')
          resolve({ status: incoming.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') })
        })
        incoming.on('error', reject)
      })
      outgoing.on('error', reject)
      outgoing.end(body)
    })
}
