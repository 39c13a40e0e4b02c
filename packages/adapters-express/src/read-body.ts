import type { HttpBody } from '@resetkit/http'
import type { Request } from 'express'
import getRawBody from 'raw-body'

// Bytes from raw-body, decoded here at once: given an encoding, raw-body builds an iconv-lite
// decoder for every request. Like iconv-lite's, this decoder drops a leading byte order mark;
// decode() without { stream: true } keeps no state between calls, so one serves every request.
const utf8 = new TextDecoder()

/**
 * A host parser ran before us when the stream is already drained (body-parser 2, Express 5) or
 * marked with `_body` (body-parser 1, Express 4).
 */
export const parsedByHost = (req: Request): boolean => req.readableEnded || (req as Request & { _body?: boolean })._body === true

/**
 * The body as the wire module wants it: the raw text read here under `limitBytes` (refused
 * early from Content-Length when it says more).
 */
export async function readBody(req: Request, limitBytes: number): Promise<HttpBody> {
  try {
    const bytes = await getRawBody(req, { limit: limitBytes, length: req.headers['content-length'] ?? null })
    return { kind: 'text', text: utf8.decode(bytes) }
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') return { kind: 'too_large' }
    // Aborted, truncated or mis-sized bodies are malformed JSON as far as the contract goes;
    // a compressed body is not decoded and fails the same way.
    return { kind: 'text', text: '' }
  }
}
