import type { HttpBody } from '@resetkit/http'
import type { IncomingMessage } from 'node:http'
import getRawBody from 'raw-body'

// As the Express router decodes: bytes from raw-body, one decoder, a leading byte order mark dropped.
const utf8 = new TextDecoder()

/**
 * The raw body as the wire module wants it, read here under `limitBytes` (refused early from
 * Content-Length when it says more), decoded as UTF-8 exactly as the Express router does.
 */
export async function readBody(raw: IncomingMessage, limitBytes: number): Promise<HttpBody> {
  try {
    const bytes = await getRawBody(raw, { limit: limitBytes, length: raw.headers['content-length'] ?? null })
    return { kind: 'text', text: utf8.decode(bytes) }
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') return { kind: 'too_large' }
    // Aborted, truncated or mis-sized bodies are malformed JSON as far as the contract goes.
    return { kind: 'text', text: '' }
  }
}
