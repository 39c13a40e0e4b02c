import { loadZxcvbn } from './dist/zxcvbn/estimator.js'
const s = await loadZxcvbn({}, { fastMatchers: false })
const pw = process.argv[2]
console.log(s.zxcvbn.matching.match(pw, s.zxcvbn.options.getUserInputsOptions([])).filter(m => m.l33t).map(m => `${m.i}-${m.j} ${m.token} ${m.matchedWord} ${m.dictionaryName}`))
