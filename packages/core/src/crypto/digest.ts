import { createHmac, hash, timingSafeEqual } from 'node:crypto'

// Strings are hashed as UTF-8 (Node's default for string input). crypto.hash is the one-shot
// form (Node ≥ 20.12): no Hash object per call, a third of createHash's time here.
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex')

export const hmacSha256 = (key: string | Uint8Array, text: string, encoding: 'hex' | 'base64url'): string => createHmac('sha256', key).update(text).digest(encoding)

/**
 * Compares two secrets in time that depends on neither their content nor their lengths: both
 * sides are hashed to 32 bytes first, so a length mismatch is not an early exit either. Equal
 * digests are equal strings (a SHA-256 collision aside), so no second comparison is needed.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(hash('sha256', a, 'buffer'), hash('sha256', b, 'buffer'))
}
