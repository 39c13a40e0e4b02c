import type { HttpBody } from '@resetkit/http'

// One decoder for every body: decode() without { stream: true } keeps no state between calls.
const utf8 = new TextDecoder()

/**
 * Reads a Request body as UTF-8 text, stopping as soon as it passes `limitBytes` (a declared
 * Content-Length over the limit is refused without reading at all).
 */
export async function readBoundedBody(request: Request, limitBytes: number): Promise<HttpBody> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > limitBytes) return { kind: 'too_large' }
  if (request.body === null) return { kind: 'text', text: '' }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limitBytes) {
        await reader.cancel()
        return { kind: 'too_large' }
      }
      chunks.push(value)
    }
  } catch {
    // An aborted or broken body is malformed JSON as far as the contract goes.
    return { kind: 'text', text: '' }
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { kind: 'text', text: utf8.decode(bytes) }
}
