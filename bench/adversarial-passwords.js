// Passwords built to make zxcvbn work hard: l33t-dense, repeated, keyboard walks, dates, at the
// policy's maximum length (64 code points) and around it. Deterministic, so runs compare.
const PATTERNS = [
  'p@ssw0rd', '4@1!3$5701|+', '@4831!|0$5+7%2', 'P4$$w0rd!', 'qwertyuiop[]asdfghjkl;zxcvbnm,./',
  '19901231', 'abcdefghijklmnopqrstuvwxyz0123456789', 'a', '6$s6|oo$44|4oos%$6|ss6%4oos$$6%|',
]

function* lcg(seed) {
  let state = seed
  for (;;) yield (state = (state * 1103515245 + 12345) % 2147483648)
}

export function adversarialPasswords({ random = 400 } = {}) {
  const passwords = []
  for (const pattern of PATTERNS) for (const length of [16, 32, 48, 64]) passwords.push(pattern.repeat(64).slice(0, length))
  const l33t = '4@8(6e3!|1l0$5+7%2zZoOaAsSiI'
  const next = lcg(42)
  for (let i = 0; i < random; i++) {
    let password = ''
    while (password.length < 64) password += l33t[next.next().value % l33t.length]
    passwords.push(password)
  }
  return passwords
}
