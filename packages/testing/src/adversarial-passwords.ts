// Passwords built to make zxcvbn work hard: l33t-dense, repeated, keyboard walks, dates, at 16 to
// 64 code points. Deterministic, so runs compare. No vitest import: benchmarks use it too.
const PATTERNS = [
  'p@ssw0rd', '4@1!3$5701|+', '@4831!|0$5+7%2', 'P4$$w0rd!', 'qwertyuiop[]asdfghjkl;zxcvbnm,./',
  '19901231', 'abcdefghijklmnopqrstuvwxyz0123456789', 'a', '6$s6|oo$44|4oos%$6|ss6%4oos$$6%|',
]
const L33T = '4@8(6e3!|1l0$5+7%2zZoOaAsSiI'

/** The adversarial set: every pattern at 16, 32, 48 and 64 characters, plus `random` l33t soups. */
export function adversarialPasswords({ random = 400 }: { random?: number } = {}): string[] {
  const passwords: string[] = []
  for (const pattern of PATTERNS) for (const length of [16, 32, 48, 64]) passwords.push(pattern.repeat(64).slice(0, length))
  let state = 42
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648)
  for (let i = 0; i < random; i++) {
    let password = ''
    while (password.length < 64) password += L33T[next() % L33T.length]
    passwords.push(password)
  }
  return passwords
}
