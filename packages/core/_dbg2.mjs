import { loadZxcvbn } from './dist/zxcvbn/estimator.js'
const [s, f] = await Promise.all([loadZxcvbn({}, { fastMatchers: false }), loadZxcvbn({})])
for (const pw of process.argv.slice(2)) {
  const m = (z) => z.zxcvbn.matching.match(pw, z.zxcvbn.options.getUserInputsOptions([])).map((x) => JSON.stringify(x))
  const a = m(s), b = m(f)
  console.log(pw, 'stock only:', a.filter((x) => !b.includes(x)).length, 'fast only:', b.filter((x) => !a.includes(x)).length)
}
