import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

// Strings are hashed as UTF-8 (Node's default for string input).
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex')

export const hmacSha256 = (key: string | Uint8Array, text: string, encoding: 'hex' | 'base64url'): string => createHmac('sha256', key).update(text).digest(encoding)

/**
 * Compares two secrets in time that depends on neither their content nor their lengths: both
 * sides are hashed to 32 bytes first, so a length mismatch is not an early exit either. Equal
 * digests are equal strings (a SHA-256 collision aside), so no second comparison is needed.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest())
}
