import { adversarialPasswords, describePasswordHasherContract } from '@resetkit/testing'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { createZxcvbnEstimator } from '../src/zxcvbn/estimator.js'
// The threads run compiled JavaScript, so this uses the built entry, as a user would.
import { createWorkerThreads, type WorkerThreads } from '../dist/threads/index.js'

const opened: WorkerThreads[] = []
const open = (threads?: number): WorkerThreads => {
  const set = createWorkerThreads(threads === undefined ? {} : { threads })
  opened.push(set)
  return set
}
afterAll(() => Promise.all(opened.map((set) => set.close())))

describePasswordHasherContract({ name: 'argon2id on the shared worker threads', make: () => open().hasher })

describe('shared worker threads', () => {
  const shared = open()
  const onThisThread = createZxcvbnEstimator()

  it('score every password as zxcvbn on this thread does, user inputs included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...adversarialPasswords({ random: 20 })), fc.string({ maxLength: 24 })), fc.array(fc.string({ minLength: 3, maxLength: 8 }), { maxLength: 2 }), async (password, inputs) => {
        expect(await shared.estimator.estimate(password, inputs)).toBe(await onThisThread.estimate(password, inputs))
      }),
      { numRuns: 80 },
    )
  })

  it('check strength ahead of the hashes queued before the check: it waits only for those its thread already holds', async () => {
    const one = open(1)
    await one.estimator.estimate('warm-up: loads zxcvbn', [])
    const ended: string[] = []
    const hashes = Array.from({ length: 5 }, (_, i) => one.hasher.hash(`password-${i}`).then(() => void ended.push(`hash ${i}`)))
    const check = one.estimator.estimate('vN7#qL2!xP9@rT4$wK8', []).then((score) => void ended.push(`check ${score}`))
    await Promise.all([...hashes, check])
    // The hash running, and at most one handed ahead; never the rest of the queue.
    expect(ended.indexOf('check 4')).toBeLessThanOrEqual(2)
  })

  it('after close(), hashing and checking are refused', async () => {
    const closing = open(1)
    await closing.close()
    await expect(closing.hasher.hash('x')).rejects.toThrow('the worker pool is closed')
    await expect(closing.estimator.estimate('x', [])).rejects.toThrow('the worker pool is closed')
  })
})
