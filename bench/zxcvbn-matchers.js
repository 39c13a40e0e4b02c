// CPU per strength check with the fast dictionary matchers against zxcvbn-ts's own, in one
// process, alternating, on typical, word-based and adversarial passwords:
// `pnpm build && node bench/zxcvbn-matchers.js`. The adapters-node README quotes its output.
import { loadZxcvbn } from '@resetkit/adapters-node/zxcvbn'
import { adversarialPasswords } from '@resetkit/testing/adversarial'
import { randomBytes } from 'node:crypto'

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*+-=?@^_~'
const random = (length) => [...randomBytes(length)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')
const WORDY = ['Violet-Staircase-Orbit-', 'correcthorsebattery', 'Summer2024!Beach', 'MyDogRex#', 'Tr0ub4dor&3xyz', 'blue-whale-sings-']
const sets = {
  'random, 12–20 characters': Array.from({ length: 300 }, (_, i) => random(12 + (i % 9))),
  'word-based': Array.from({ length: 300 }, (_, i) => `${WORDY[i % WORDY.length]}${i}`),
  'adversarial (436)': adversarialPasswords(),
}
const userInputs = ['alice@example.com', 'Alice']

/** Mean CPU ms per check over the list, after a warm-up. */
function cpuPerCheck(zxcvbn, list) {
  for (const password of list.slice(0, 20)) zxcvbn.check(password, userInputs)
  const start = process.cpuUsage()
  for (const password of list) zxcvbn.check(password, userInputs)
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000 / list.length
}

const fast = await loadZxcvbn({})
const library = await loadZxcvbn({}, { fastMatchers: false })
if (!fast.fastMatchers) throw new Error('the fast matchers are not in use')
console.log('| passwords | fast matchers (ms CPU / check) | zxcvbn-ts own (ms CPU / check) | ratio |\n| --- | ---: | ---: | ---: |')
for (const [name, list] of Object.entries(sets)) {
  const runs = { fast: [], library: [] }
  for (let round = 0; round < 3; round++) {
    runs.fast.push(cpuPerCheck(fast.zxcvbn, list))
    runs.library.push(cpuPerCheck(library.zxcvbn, list))
  }
  const best = (values) => Math.min(...values)
  console.log(`| ${name} | ${best(runs.fast).toFixed(2)} | ${best(runs.library).toFixed(2)} | ${(best(runs.fast) / best(runs.library)).toFixed(3)} |`)
}
