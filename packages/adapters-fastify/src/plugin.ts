import { createResetkitHttp, DEFAULT_BODY_LIMIT_BYTES, servedPaths, type HttpHeaders, type ResetkitHttpDeps } from '@resetkit/http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { readBody } from './read-body.js'

export interface ResetkitFastifyOptions extends ResetkitHttpDeps {
  /** Largest body accepted, in bytes; default 16 KiB. */
  readonly bodyLimitBytes?: number
}

// Every method, so that other methods get the contract's 405 and a preflight reaches CORS.
const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']

/** Headers as the Fetch API presents them: lower-case names, repeated ones joined with ", ". */
function fetchStyleHeaders(request: FastifyRequest): HttpHeaders {
  const headers: Record<string, string> = {}
  for (const [name, values] of Object.entries(request.raw.headersDistinct)) {
    if (values !== undefined) headers[name] = values.join(', ')
  }
  return headers
}

/**
 * A Fastify plugin serving `POST /otp/send` and `POST /reset_user_password`. Register it
 * without `fastify-plugin`, so it keeps its own encapsulated context: it removes every
 * content-type parser there and reads the raw body itself, so bad JSON, an empty body, a wrong
 * content type and an oversized body get resetkit's answers (never `FST_ERR_CTP_*`), and the
 * host's own parsers are neither seen nor changed. The client IP is `request.ip`, so set
 * Fastify's `trustProxy` to match your proxies.
 *
 * @example
 * await app.register(resetkitFastify, resetkit)
 */
export async function resetkitFastify(instance: FastifyInstance, options: ResetkitFastifyOptions): Promise<void> {
  const handle = createResetkitHttp(options)
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES

  // Fastify would judge the content type before any parser ran (a malformed one is its own
  // 415), so the request is answered in onRequest, before parsing; the parsers here are
  // removed only so that nothing of the host's could ever read the body first.
  instance.removeAllContentTypeParsers()
  instance.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined))

  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const response = await handle({
      method: request.method,
      path: request.url.split('?', 1)[0] ?? request.url,
      headers: fetchStyleHeaders(request),
      body: request.method === 'POST' ? await readBody(request.raw, limit) : { kind: 'text', text: '' },
      clientIp: request.ip,
    })
    reply.code(response.status).headers(response.headers)
    // No payload at all for an empty body, so Fastify adds no content type of its own.
    return response.body === '' ? reply.send() : reply.send(response.body)
  }

  for (const url of servedPaths(options)) {
    // The handler is never reached: onRequest has already answered.
    instance.route({ method: METHODS, url, onRequest: serve, handler: serve, exposeHeadRoute: false })
  }
}
