// `node bench/zxcvbn-cold-probe.js [tree…]`: what a strength check costs on the thread that
// checks strength in the demo, where it runs right after an argon2id run, against the same
// check right after another check. Every hash streams its 19 MiB through the core's caches and
// TLB, so the check that follows finds its code and data gone. For each built checkout given
// (default: this one), in one process, in turn, CHECKS times: a hash, a check (cold), a check
// (warm). The passwords are the load generator's shape (bench/reset-load.js). In-process, so
// the host's drift from one minute to the next hits every tree alike; run it twice with the
// trees swapped, since the first tree loaded is not placed in memory as the second is.
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BENCH_ARGON2ID } from './argon2-bound.js'
import { inTurn, mean, median } from './in-turn.js'
import { loadPassword } from './reset-load.js'

const CHECKS = Number(process.env.CHECKS ?? 600)
const USER_INPUTS = ['bench-3@example.com']

const { hashSync } = createRequire(import.meta.url)('@node-rs/argon2')
const trees = process.argv.length > 2 ? process.argv.slice(2) : [new URL('..', import.meta.url).pathname]
const checkers = []
for (const tree of trees) {
  const { loadZxcvbn, SAFE_ZXCVBN_OPTIONS } = await import(pathToFileURL(resolve(tree, 'packages/adapters-node/dist/zxcvbn/index.js')).href)
  const { zxcvbn } = await loadZxcvbn(SAFE_ZXCVBN_OPTIONS)
  checkers.push({ tree, zxcvbn, cold: [], warm: [] })
}
const timedCheck = (zxcvbn) => {
  const candidate = loadPassword()
  const started = performance.now()
  zxcvbn.check(candidate, USER_INPUTS)
  return performance.now() - started
}
// Warm-up: V8 optimises the check's code only after many calls.
for (const { zxcvbn } of checkers) for (let i = 0; i < 3000; i++) zxcvbn.check(loadPassword(), USER_INPUTS)
for (let i = 0; i < CHECKS; i++) {
  for (const checker of inTurn(checkers, i)) {
    hashSync('bench-password', BENCH_ARGON2ID)
    checker.cold.push(timedCheck(checker.zxcvbn))
    checker.warm.push(timedCheck(checker.zxcvbn))
  }
}
for (const { tree, cold, warm } of checkers) {
  console.log(`${tree}: after an argon2id run ${median(cold).toFixed(3)} ms a check (mean ${mean(cold).toFixed(3)}); after a check ${median(warm).toFixed(3)} (mean ${mean(warm).toFixed(3)}); medians of ${CHECKS}`)
}
