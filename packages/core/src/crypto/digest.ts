import { createHmac, hash, timingSafeEqual } from 'node:crypto'

// Strings are hashed as UTF-8 (Node's default for string input). crypto.hash is the one-shot
// form (Node ≥ 20.12): no Hash object per call, a third of createHash's time here.
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex')

export const hmacSha256 = (key: string | Uint8Array, text: string, encoding: 'hex' | 'base64url'): string => createHmac('sha256', key).update(text).digest(encoding)

/**
 * Compares two digests (of one hash, in one encoding) in time that depends on their length only,
 * which is the hash's and public: a code's or a secret's digest against the one stored, with no
 * second round of hashing. Digests of different lengths are unequal; digests are ASCII, so equal
 * bytes are equal strings.
 */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}
