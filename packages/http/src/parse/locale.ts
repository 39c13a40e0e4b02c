import { INPUT_LIMITS } from './limits.js'

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/

/**
 * The most preferred well-formed language tag of an `Accept-Language` header (RFC 9110 §12.5.4),
 * or undefined. Bounded: a header longer than the limit is ignored, not parsed.
 */
export function preferredLocale(header: string | undefined): string | undefined {
  if (header === undefined || header.length > INPUT_LIMITS.acceptLanguage) return undefined
  let best: { tag: string; q: number } | undefined
  for (const part of header.split(',')) {
    // Stryker disable next-line StringLiteral: unreachable default, split always yields a first element
    const [rawTag = '', ...params] = part.split(';').map((piece) => piece.trim())
    if (!LANGUAGE_TAG.test(rawTag)) continue
    const qParam = params.find((param) => param.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!(q > 0 && q <= 1)) continue
    if (best === undefined || q > best.q) best = { tag: rawTag, q }
  }
  return best?.tag
}
