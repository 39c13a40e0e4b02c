// `pnpm bench:chain`: where one reset's time goes when resets come one at a time (concurrency
// 1, history N = 5, Express), step by step along the chain: the send request, the load
// generator, the reset's own checks, each hand-off to and from a worker thread, the zxcvbn
// check, the argon2id shares, the response. The server runs with bench/chain-stamps.js, which
// stamps each step on the event loop and on the worker threads on one clock. Writes the README
// table between <!-- chain:start --> and <!-- chain:end -->.
import { rewriteSection } from '../scripts/readme-section.mjs'
import { resetLoad, warmUp } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const HISTORY = 5
const execArgv = [...DEMO_NODE_FLAGS, '--import', new URL('./chain-stamps.js', import.meta.url).href]
const server = await startBenchServer({ BENCH_USERS: '8', PASSWORD_HISTORY: String(HISTORY) }, execArgv)
await warmUp(server)
const from = Number(process.hrtime.bigint()) / 1e6
const measured = await resetLoad(server, { concurrency: 1, seconds: SECONDS })
const stamps = (await server.chainStamps()).filter((stamp) => stamp.at >= from)
await server.stop()

const SEND = '/otp/send'
const RESET = '/reset_user_password'
const onEventLoop = stamps.filter((stamp) => stamp.step === 'request' || stamp.step === 'response' || stamp.step === 'post' || stamp.step === 'answer').sort((a, b) => a.at - b.at)
const onWorkers = stamps.filter((stamp) => stamp.step === 'start' || stamp.step === 'end').sort((a, b) => a.at - b.at)

/** The first stamp on `thread` of kind `step` at or after `at`. */
const nextOnThread = (thread, step, at) => onWorkers.find((stamp) => stamp.thread === thread && stamp.step === step && stamp.at >= at)

/** One reset's stamps, read off the event loop's in order; undefined where the chain was not whole. */
function resetsOf(events) {
  const resets = []
  let current
  for (const event of events) {
    if (event.step === 'request' && event.path === SEND) {
      if (current !== undefined && current.resetEnd !== undefined) current.nextSendStart = event.at
      current = { sendStart: event.at, sharePosts: [], shareAnswers: [] }
      resets.push(current)
    } else if (current === undefined) continue
    else if (event.step === 'response' && event.path === SEND) current.sendEnd = event.at
    else if (event.step === 'request' && event.path === RESET) current.resetStart = event.at
    else if (event.step === 'post' && event.op === 'estimate') current.check = { thread: event.thread, post: event.at }
    else if (event.step === 'answer' && current.check !== undefined && current.check.answer === undefined && event.thread === current.check.thread) current.check.answer = event.at
    else if (event.step === 'post' && event.op === 'batch') current.sharePosts.push({ thread: event.thread, post: event.at })
    else if (event.step === 'answer' && current.sharePosts.length > current.shareAnswers.length) current.shareAnswers.push({ thread: event.thread, at: event.at })
    else if (event.step === 'response' && event.path === RESET) current.resetEnd = event.at
  }
  return resets.filter((reset) => reset.nextSendStart !== undefined && reset.check?.answer !== undefined && reset.sharePosts.length === 2 && reset.shareAnswers.length === 2)
}

/** A worker task's start and end on its thread, for a post at `post`. */
function onThread(thread, post) {
  const start = nextOnThread(thread, 'start', post)
  const end = start === undefined ? undefined : nextOnThread(thread, 'end', start.at)
  return start === undefined || end === undefined ? undefined : { start: start.at, end: end.at }
}

const steps = []
for (const reset of resetsOf(onEventLoop)) {
  const check = onThread(reset.check.thread, reset.check.post)
  const lastPost = Math.max(...reset.sharePosts.map((share) => share.post))
  const lastAnswer = reset.shareAnswers.at(-1)
  const slower = reset.sharePosts.find((share) => share.thread === lastAnswer.thread)
  const faster = reset.sharePosts.find((share) => share !== slower)
  const slowerRun = slower === undefined ? undefined : onThread(slower.thread, slower.post)
  const fasterRun = faster === undefined ? undefined : onThread(faster.thread, faster.post)
  if (check === undefined || slowerRun === undefined || fasterRun === undefined) continue
  steps.push({
    'the send request, on the event loop': reset.sendEnd - reset.sendStart,
    'load generator: the code and the reset request': reset.resetStart - reset.sendEnd,
    'the reset up to the strength check (OTP, user, local rules)': reset.check.post - reset.resetStart,
    'check handed to its thread': check.start - reset.check.post,
    'the zxcvbn check': check.end - check.start,
    'check answer back on the event loop': reset.check.answer - check.end,
    'answer read → both shares posted': lastPost - reset.check.answer,
    'shares posted → the slower share starts': slowerRun.start - lastPost,
    'the slower share: its argon2id runs': slowerRun.end - slowerRun.start,
    'its answer back on the event loop': lastAnswer.at - slowerRun.end,
    'last answer → response written (commit, audit, effects)': reset.resetEnd - lastAnswer.at,
    'load generator: response → next send request': reset.nextSendStart - reset.resetEnd,
    // Context, not chain steps:
    fasterRuns: fasterRun.end - fasterRun.start,
    fasterStartDelay: fasterRun.start - lastPost,
    chain: reset.nextSendStart - reset.sendStart,
  })
}
if (steps.length === 0) throw new Error('no whole reset chain was stamped')

const mean = (key) => steps.reduce((sum, step) => sum + step[key], 0) / steps.length
/** The value below which `p` % of the resets' `key` fall. */
const percentile = (key, p) => steps.map((step) => step[key]).sort((a, b) => a - b)[Math.floor((p / 100) * (steps.length - 1))]
const CONTEXT = new Set(['fasterRuns', 'fasterStartDelay', 'chain'])
const chainSteps = Object.keys(steps[0]).filter((key) => !CONTEXT.has(key))
const chainMs = mean('chain')
const hashing = 'the slower share: its argon2id runs'
const rows = [
  `One reset at a time (concurrency 1, history N = ${HISTORY}, Express), step by step, over ${steps.length} resets (${measured.resetsPerSecond.toFixed(2)} resets/s); ${new Date().toISOString().slice(0, 10)}. Stamped on the event loop and on the worker threads on one clock by \`bench/chain-stamps.js\`; the ${HISTORY + 1} argon2id runs go out as two shares, one per thread, and the reset waits for the slower. The load generator's rows are the bench's own (its clients, and the code read off the server's [dev-otp] line).`,
  '',
  '| step | mean (ms) | median (ms) | p90 (ms) | share of the chain (of the means) |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...chainSteps.map((key) => `| ${key} | ${mean(key).toFixed(2)} | ${percentile(key, 50).toFixed(2)} | ${percentile(key, 90).toFixed(2)} | ${((100 * mean(key)) / chainMs).toFixed(1)} % |`),
  `| **the chain, one reset to the next** | **${chainMs.toFixed(2)}** | ${percentile('chain', 50).toFixed(2)} | ${percentile('chain', 90).toFixed(2)} | |`,
  '',
  `Not argon2id: ${(chainMs - mean(hashing)).toFixed(2)} ms of the ${chainMs.toFixed(2)} (${((100 * (chainMs - mean(hashing))) / chainMs).toFixed(1)} %). The other share's runs took ${mean('fasterRuns').toFixed(2)} ms (mean), and it started ${mean('fasterStartDelay').toFixed(2)} ms after the shares were posted.`,
]
const table = rows.join('\n')
console.log(table)
await rewriteSection(new URL('../README.md', import.meta.url), 'chain', table)
