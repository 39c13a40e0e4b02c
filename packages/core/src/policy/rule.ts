import type { PolicyContext, PolicyViolation } from '../ports.js'

export type { PolicyContext, PolicyViolation }

/**
 * A password rule: returns every violation it finds, or none. The password is already
 * NFKC-normalised. Custom rules have this shape too.
 *
 * @example
 * const noCompanyName: PasswordRule = (password) =>
 *   password.toLowerCase().includes('acme')
 *     ? [{ rule: 'company_name', params: {}, message: 'Must not contain the company name.' }]
 *     : []
 */
export type PasswordRule = (
  password: string,
  context: PolicyContext,
) => readonly PolicyViolation[] | Promise<readonly PolicyViolation[]>

/** Length in Unicode code points, as NIST SP 800-63B counts it (not UTF-16 units). */
export const codePointLength = (text: string): number => {
  let count = 0
  // Iterating a string walks code points; counting them needs no array of them.
  for (const _codePoint of text) count++
  return count
}

/** The case fold the word rules compare under: NFKC, then lower case, so 'ＡＣＭＥ' is 'acme'. */
export const fold = (text: string): string => text.normalize('NFKC').toLowerCase()
