import { loadZxcvbn } from './dist/zxcvbn/estimator.js'
const [s, f] = await Promise.all([loadZxcvbn({}, { fastMatchers: false }), loadZxcvbn({})])
const m = (z, pw) => JSON.stringify(z.zxcvbn.matching.match(pw, z.zxcvbn.options.getUserInputsOptions([])))
const parts = ['()', 'o', '|_|', 'u', 'nn', 'm', 'vv', 'w', 'in', 'on', 'to', 'an', '0', 'a', 'e', 'r', 's', '|<', 'k', 'd', '|)']
let found = 0
for (let len = 2; len <= 4 && found < 5; len++) {
  const rec = (pre, k) => { if (found >= 5) return; if (k === 0) { if (m(s, pre) !== m(f, pre)) { console.log('FOUND', JSON.stringify(pre)); found++ } return } for (const p of parts) rec(pre + p, k - 1) }
  rec('', len)
}
console.log('done', found)
