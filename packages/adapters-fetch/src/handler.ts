import { createResetkitHttp, DEFAULT_BODY_LIMIT_BYTES, type HttpHeaders, type HttpResponse, type ResetkitHttpDeps } from '@resetkit/http'
import { readBoundedBody } from './read-body.js'

export interface ResetkitHandlerOptions extends ResetkitHttpDeps {
  /** Largest body accepted, in bytes; default 16 KiB. */
  readonly bodyLimitBytes?: number
}

export interface RequestContext {
  /**
   * The caller's IP, for the per-IP rate limit. A Request does not carry it: take it from your
   * platform (Hono's `getConnInfo`, node-fetch-server's client address, a header your proxy sets).
   */
  readonly clientIp?: string | undefined
}

export type ResetkitHandler = (request: Request, context?: RequestContext) => Promise<Response>

function headersOf(request: Request): HttpHeaders {
  const headers: Record<string, string> = {}
  // Headers yields lower-case names with repeated values already joined by ", ".
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  return headers
}

/**
 * `POST /otp/send` and `POST /reset_user_password` as a Web-standard handler, with no framework.
 * Any other path is 404 and any other method 405, so it can own a route prefix outright.
 *
 * @example
 * const handler = createResetkitHandler({ sendOtp, resetPassword, clients, tokens })
 * export const POST = handler               // a Next.js route handler
 * app.all('/reset_user_password', (c) => handler(c.req.raw)) // Hono
 */
export function createResetkitHandler(options: ResetkitHandlerOptions): ResetkitHandler {
  const handle = createResetkitHttp(options)
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES
  return async (request, context = {}) => {
    const { clientIp } = context
    const response = await handle({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: headersOf(request),
      body: request.method === 'POST' ? await readBoundedBody(request, limit) : { kind: 'text', text: '' },
      ...(clientIp === undefined ? {} : { clientIp }),
    })
    return toResponse(response)
  }
}

const utf8 = new TextEncoder()

/**
 * The Response, with its body's length declared: a bridge that writes the head before it reads
 * the body (node-fetch-server) otherwise frames every answer as chunked, in a write of its own
 * for the last chunk. Not on a 204 (the CORS preflight), which has no body and may not declare one.
 */
function toResponse(response: HttpResponse): Response {
  if (response.status === 204) return new Response(null, { status: 204, headers: response.headers })
  const body = utf8.encode(response.body)
  const headers = Object.assign({}, response.headers, { 'content-length': String(body.byteLength) })
  return new Response(body.byteLength === 0 ? null : body, { status: response.status, headers })
}
