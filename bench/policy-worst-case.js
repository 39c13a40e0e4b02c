// Worst event-loop block caused by the password policy over adversarial passwords: zxcvbn on
// this thread (bounded options) versus zxcvbn in a worker thread.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createPasswordPolicy } from '@resetkit/core'
import { createZxcvbnEstimator, createZxcvbnWorkerEstimator, SAFE_ZXCVBN_OPTIONS } from '@resetkit/adapters-node/zxcvbn'
import { adversarialPasswords } from '@resetkit/testing/adversarial'

const context = { email: 'alice@example.com', phoneNumber: '+8613800000001', names: ['Alice'] }

const RESOLUTION_MS = 1

async function measure(label, estimator) {
  const policy = createPasswordPolicy({ strength: { estimator } })
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

export async function policyWorstCase() {
  const { maxLength, l33tMaxSubstitutions } = SAFE_ZXCVBN_OPTIONS
  const inThread = await measure(`zxcvbn on the event loop (maxLength ${maxLength}, l33t variants ${l33tMaxSubstitutions})`, createZxcvbnEstimator())
  const worker = createZxcvbnWorkerEstimator()
  const inWorker = await measure('zxcvbn in a worker thread', worker)
  await worker.close()
  return [inThread, inWorker]
}
