/**
 * The ~49,000 common passwords @zxcvbn-ts/language-common ships, for core's common-password
 * rule (NIST SP 800-63B's blocklist). Loaded when the policy is created, never on import.
 *
 * @example
 * createPasswordPolicy({ strength: { estimator }, commonPasswords: { list: commonPasswordList } })
 */
export async function commonPasswordList(): Promise<readonly string[]> {
  const { dictionary } = await import('@zxcvbn-ts/language-common')
  return dictionary['passwords-common']
}
