// `pnpm bench:zxcvbn`: CPU and memory allocated per strength check with resetkit's fast
// dictionary matchers and scoring, with the fast matchers over zxcvbn-ts's own scoring, and with
// zxcvbn-ts alone, in one process, alternating, on typical, word-based and adversarial
// passwords. Writes the adapters-node README's table between <!-- zxcvbn:start/end -->.
import { loadZxcvbn } from '@resetkit/adapters-node/zxcvbn'
import { adversarialPasswords } from '@resetkit/testing/adversarial'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { rewriteSection } from '../scripts/readme-section.mjs'

// Allocation is read off the heap between two full GCs, so the young generation must hold a
// whole chunk's garbage (up to ~2 MiB a check): a second run of this file, with room for it,
// measures only that. CPU is measured here, with V8's usual young generation, since a huge one
// costs every check page faults of its own.
const ALLOCATION_FLAGS = ['--expose-gc', '--max-semi-space-size=256', '--min-semi-space-size=256']
const measuringAllocation = process.env.ZXCVBN_BENCH_ALLOCATION === '1'

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*+-=?@^_~'
const random = (length) => [...randomBytes(length)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')
const WORDY = ['Violet-Staircase-Orbit-', 'correcthorsebattery', 'Summer2024!Beach', 'MyDogRex#', 'Tr0ub4dor&3xyz', 'blue-whale-sings-']
const sets = {
  'random, 12–20 characters': Array.from({ length: 300 }, (_, i) => random(12 + (i % 9))),
  'word-based': Array.from({ length: 300 }, (_, i) => `${WORDY[i % WORDY.length]}${i}`),
  'adversarial (436)': adversarialPasswords(),
}
const userInputs = ['alice@example.com', 'Alice']
// The heap is sampled this often, so a round's garbage fits the young generation.
const CHUNK = 50

/** Mean CPU ms per check over the list, after a warm-up. */
function cpuPerCheck(zxcvbn, list) {
  for (const password of list.slice(0, 20)) zxcvbn.check(password, userInputs)
  const start = process.cpuUsage()
  for (const password of list) zxcvbn.check(password, userInputs)
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000 / list.length
}

/** Mean KiB allocated per check over the list, after a warm-up (ALLOCATION_FLAGS only). */
function kibPerCheck(zxcvbn, list) {
  for (const password of list.slice(0, 20)) zxcvbn.check(password, userInputs)
  let bytes = 0
  for (let from = 0; from < list.length; from += CHUNK) {
    globalThis.gc()
    const heapBefore = process.memoryUsage().heapUsed
    for (const password of list.slice(from, from + CHUNK)) zxcvbn.check(password, userInputs)
    bytes += process.memoryUsage().heapUsed - heapBefore
  }
  return bytes / 1024 / list.length
}

const fast = await loadZxcvbn({})
if (!fast.fastMatchers) throw new Error('the fast matchers are not in use')
// The fast matchers with zxcvbn-ts's own scoring put back, to show what the scoring rewrite does alone.
const fastMatchersOnly = await loadZxcvbn({})
const Scoring = createRequire(import.meta.resolve('@resetkit/adapters-node/zxcvbn'))('@zxcvbn-ts/core/dist/scoring/index.cjs')
fastMatchersOnly.zxcvbn.scoring = new Scoring(fastMatchersOnly.zxcvbn.options)
fastMatchersOnly.zxcvbn.matching.matchers.repeat.scoring = new Scoring(fastMatchersOnly.zxcvbn.options)
const library = await loadZxcvbn({}, { fastMatchers: false })

const variants = { fast: fast.zxcvbn, fastMatchersOnly: fastMatchersOnly.zxcvbn, library: library.zxcvbn }
if (measuringAllocation) {
  const kib = Object.fromEntries(Object.entries(sets).map(([name, list]) => [name, Object.fromEntries(Object.entries(variants).map(([variant, zxcvbn]) => [variant, kibPerCheck(zxcvbn, list)]))]))
  process.stdout.write(JSON.stringify(kib))
  process.exit(0)
}
const allocation = spawnSync(process.execPath, [...ALLOCATION_FLAGS, ...process.argv.slice(1)], { env: { ...process.env, ZXCVBN_BENCH_ALLOCATION: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
if (allocation.status !== 0) throw new Error('the allocation run failed')
const kib = JSON.parse(allocation.stdout)
const rows = []
for (const [name, list] of Object.entries(sets)) {
  const runs = Object.fromEntries(Object.keys(variants).map((variant) => [variant, []]))
  for (let round = 0; round < 3; round++) for (const [variant, zxcvbn] of Object.entries(variants)) runs[variant].push(cpuPerCheck(zxcvbn, list))
  // Best of three rounds: the host's noise only ever adds.
  const cell = (variant) => `${Math.min(...runs[variant]).toFixed(2)} / ${kib[name][variant].toFixed(0)}`
  rows.push(`| ${name} | ${cell('fast')} | ${cell('fastMatchersOnly')} | ${cell('library')} | ${(Math.min(...runs.fast) / Math.min(...runs.library)).toFixed(3)} |`)
}
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench:zxcvbn\` (one process, alternating, best of three rounds): CPU ms / KiB allocated per check.`,
  '',
  '| passwords | fast matchers and scoring | fast matchers, zxcvbn-ts scoring | zxcvbn-ts own | CPU ratio, fast to own |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows,
].join('\n')
console.log(table)
await rewriteSection(new URL('../packages/adapters-node/README.md', import.meta.url), 'zxcvbn', table)
