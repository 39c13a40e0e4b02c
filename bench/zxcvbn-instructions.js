// `node bench/zxcvbn-instructions.js [tree…]`: instructions per strength check, counted by
// valgrind's callgrind, for each built checkout given (default: this one). Instructions, not
// seconds: this host's CPU time per check drifts by a quarter from one minute to the next, and
// a change of a few per cent to the check cannot be told from that. The count moves far less:
// over five runs of one build 3.42–3.52 M, over four of another 2.96–2.98 and once 2.84, so
// measure both builds side by side, more than once for a change under 5 %. Each tree's check
// runs in two processes, one with 200 checks and one with 3,200, and the difference is divided
// by 3,000, so start-up (loading the dictionaries) and the first checks, before V8 optimises
// them, do not count. `node --single-threaded` keeps V8's
// compiling on the measured thread, where callgrind counts it in the same order each time. The
// passwords are the load generator's shape (bench/reset-load.js): `Load-` and 16 base64url
// characters, from a fixed seed. Needs valgrind; each tree takes ~3 minutes, trees run 2 at a time.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const CHECKS_PER_ROUND = 200
const ROUNDS = { few: 1, many: 16 }

if (process.env.ZXCVBN_INSTRUCTIONS_ROUNDS !== undefined) {
  // The measured process: a tree's zxcvbn, then ROUNDS × 200 checks.
  const { loadZxcvbn } = await import(`${process.env.ZXCVBN_INSTRUCTIONS_TREE}/packages/adapters-node/dist/zxcvbn/index.js`)
  const { zxcvbn } = await loadZxcvbn({})
  let seed = 1
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  const passwords = Array.from({ length: CHECKS_PER_ROUND }, () => `Load-${Array.from({ length: 16 }, () => BASE64URL[Math.floor(next() * 64)]).join('')}`)
  const userInputs = ['bench-3@example.com', 'bench-3']
  for (let round = 0; round < Number(process.env.ZXCVBN_INSTRUCTIONS_ROUNDS); round++) for (const password of passwords) zxcvbn.check(password, userInputs)
  process.exit(0)
}

const run = promisify(execFile)
async function instructions(tree, rounds) {
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', new URL(import.meta.url).pathname]
  const env = { ...process.env, ZXCVBN_INSTRUCTIONS_TREE: tree, ZXCVBN_INSTRUCTIONS_ROUNDS: String(rounds) }
  const { stderr } = await run('valgrind', args, { env, maxBuffer: 1 << 24 })
  const collected = /Collected : (\d+)/.exec(stderr)?.[1]
  if (collected === undefined) throw new Error(`callgrind printed no total for ${tree}:\n${stderr.slice(-2000)}`)
  return Number(collected)
}

const trees = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [new URL('..', import.meta.url).pathname.replace(/\/$/, '')]
for (let at = 0; at < trees.length; at += 2) {
  await Promise.all(
    trees.slice(at, at + 2).map(async (tree) => {
      const [few, many] = await Promise.all([instructions(tree, ROUNDS.few), instructions(tree, ROUNDS.many)])
      const perCheck = (many - few) / ((ROUNDS.many - ROUNDS.few) * CHECKS_PER_ROUND)
      console.log(`${tree}: ${(perCheck / 1e6).toFixed(2)} M instructions per check`)
    }),
  )
}
