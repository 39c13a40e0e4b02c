import { loadZxcvbn } from './dist/zxcvbn/estimator.js'
const pw = process.argv[2], inputs = [process.argv[3]]
for (const lim of [0]) {
  const [s, f] = await Promise.all([loadZxcvbn({ l33tMaxSubstitutions: lim }, { fastMatchers: false }), loadZxcvbn({ l33tMaxSubstitutions: lim })])
  const m = (z) => z.zxcvbn.matching.match(pw, z.zxcvbn.options.getUserInputsOptions(inputs)).map((x) => JSON.stringify(x))
  const a = m(s), b = m(f)
  console.log('stock only:', a.filter((x) => !b.includes(x)))
  console.log('fast only:', b.filter((x) => !a.includes(x)))
}
