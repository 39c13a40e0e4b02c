import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

export const hmacSha256 = (key: string | Uint8Array, text: string, encoding: 'hex' | 'base64url'): string =>
  createHmac('sha256', key).update(text, 'utf8').digest(encoding)

/**
 * Compares two secrets in time that depends on neither their content nor their lengths: both
 * sides are hashed to 32 bytes first, so a length mismatch is not an early exit either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest()
  const right = createHash('sha256').update(b, 'utf8').digest()
  return timingSafeEqual(left, right) && a.length === b.length
}
