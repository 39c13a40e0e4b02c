// Worst event-loop block caused by the password policy over adversarial passwords: zxcvbn on
// this thread (bounded options) versus zxcvbn in a worker thread.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createPasswordPolicy } from '@resetkit/core'
import { commonPasswordList, createZxcvbnEstimator, createZxcvbnWorkerEstimator, SAFE_ZXCVBN_OPTIONS } from '@resetkit/adapters-node/zxcvbn'
import { randomBytes } from 'node:crypto'
import { adversarialPasswords } from '@resetkit/testing/adversarial'

const context = { email: 'alice@example.com', phoneNumber: '+8613800000001', names: ['Alice'] }

const RESOLUTION_MS = 1

async function measure(label, estimator) {
  const policy = createPasswordPolicy({ strength: { estimator }, commonPasswords: { list: commonPasswordList } })
  await policy.check('warm-up-password', context) // dictionaries load once, outside the measure
  const passwords = adversarialPasswords()
  let worstCall = 0
  let worstPassword = ''
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  delay.enable()
  for (const password of passwords) {
    const started = performance.now()
    await policy.check(password, context)
    const took = performance.now() - started
    if (took > worstCall) [worstCall, worstPassword] = [took, password]
    await new Promise((resolve) => setImmediate(resolve)) // let the delay monitor sample
  }
  delay.disable()
  // The monitor records intervals between its ticks; the delay is what exceeds the tick.
  const beyondTick = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS)
  return { label, passwords: passwords.length, worstCallMs: worstCall, worstPassword, loopDelayMaxMs: beyondTick(delay.max), loopDelayP99Ms: beyondTick(delay.percentile(99)) }
}

// Typical passwords people choose: 12–20 characters, words and digits, or a manager's random ones.
const WORDS = ['violet', 'staircase', 'orbit', 'harbor', 'lantern', 'copper', 'meadow', 'quartz', 'willow', 'ember', 'summer', 'dragon']
const typicalPassword = (i) => {
  if (i % 3 === 0) return randomBytes(12).toString('base64url').slice(0, 12 + (i % 9))
  const [a, b] = [WORDS[i % WORDS.length], WORDS[(i * 7 + 3) % WORDS.length]]
  return `${a[0].toUpperCase()}${a.slice(1)}-${b}-${String(i % 100).padStart(2, '0')}`.slice(0, 20)
}

/** Median time of one zxcvbn check on this thread (its CPU, on an idle core) over typical passwords. */
export async function typicalStrengthCheck() {
  const estimator = createZxcvbnEstimator()
  await estimator.estimate('warm-up-password', [])
  const times = []
  for (let i = 0; i < 300; i++) {
    const password = typicalPassword(i)
    const started = performance.now()
    await estimator.estimate(password, ['alice@example.com', 'Alice'])
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { medianMs: times[Math.floor(times.length / 2)], p90Ms: times[Math.floor(times.length * 0.9)] }
}

export async function policyWorstCase() {
  const { maxLength, l33tMaxSubstitutions } = SAFE_ZXCVBN_OPTIONS
  const inThread = await measure(`zxcvbn on the event loop (maxLength ${maxLength}, l33t variants ${l33tMaxSubstitutions})`, createZxcvbnEstimator())
  const worker = createZxcvbnWorkerEstimator()
  const inWorker = await measure('zxcvbn in a worker thread', worker)
  await worker.close()
  return [inThread, inWorker]
}
