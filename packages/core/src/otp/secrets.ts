import { hmacSha256, sha256Hex } from '../crypto/digest.js'
import type { RandomSource } from '../ports.js'

const TOKEN_BYTES = 32

/** An opaque, URL-safe token of 256 random bits. */
export function generateToken(random: RandomSource): string {
  return Buffer.from(random.bytes(TOKEN_BYTES)).toString('base64url')
}

/** A uniformly random string of `length` decimal digits (rejection sampling, no modulo bias). */
export function generateCode(random: RandomSource, length: number): string {
  let code = ''
  while (code.length < length) {
    for (const byte of random.bytes(length)) {
      // 250 = 25 × 10: bytes above it would make 0–5 likelier than 6–9.
      if (byte < 250 && code.length < length) code += String(byte % 10)
    }
  }
  return code
}

/** Records are found by a hash of the token, so a store dump holds no usable token. */
export const tokenIdOf = (token: string): string => sha256Hex(token)

/**
 * The stored form of a code: HMAC keyed by the token. A leaked record cannot be brute-forced
 * offline (10^6 codes) without the token, which is never stored.
 */
export const codeHashOf = (token: string, code: string): string => hmacSha256(token, code, 'hex')
