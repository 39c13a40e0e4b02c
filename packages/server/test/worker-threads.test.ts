import { createMemoryStores, createCapturingOtpSender } from '@resetkit/adapters-memory'
import * as threadsModule from '@resetkit/adapters-node/threads'
import { createFastTestHasher } from '@resetkit/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createResetkit, type ResetkitOptions } from '../src/index.js'

// Counts the thread sets createResetkit starts, passing each call through to the real one.
vi.mock('@resetkit/adapters-node/threads', async (importOriginal) => {
  const real = await importOriginal<typeof threadsModule>()
  return { ...real, createWorkerThreads: vi.fn(real.createWorkerThreads) }
})
const started = vi.mocked(threadsModule.createWorkerThreads)

const base = (): ResetkitOptions => ({ ...createMemoryStores({ users: [] }), clients: [{ id: 'spa', type: 'spa' }], sender: createCapturingOtpSender() })
const fixedScore = { minScore: 3, estimator: { estimate: async () => 4 as const } } as const
const closing: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()))
  started.mockClear()
})

describe('createResetkit and its worker threads', () => {
  it('starts one set of threads for the default hasher and strength check together', () => {
    closing.push(createResetkit(base()).close)
    expect(started).toHaveBeenCalledTimes(1)
  })

  it('starts them for whichever default is still needed, and none when both are given', () => {
    closing.push(createResetkit({ ...base(), hasher: createFastTestHasher() }).close)
    closing.push(createResetkit({ ...base(), policy: { strength: fixedScore } }).close)
    expect(started).toHaveBeenCalledTimes(2)
    closing.push(createResetkit({ ...base(), hasher: createFastTestHasher(), policy: { strength: fixedScore } }).close)
    expect(started).toHaveBeenCalledTimes(2)
  })

  it('uses the threads it is given, starts none, and leaves them running at close()', async () => {
    const threads = threadsModule.createWorkerThreads({ threads: 1 })
    closing.push(threads.close)
    started.mockClear()
    const resetkit = createResetkit({ ...base(), workerThreads: threads })
    expect(started).not.toHaveBeenCalled()
    await resetkit.close()
    const stored = await threads.hasher.hash('still-running')
    expect(await threads.hasher.verify(stored, 'still-running')).toBe(true)
    expect(await threads.estimator.estimate('vN7#qL2!xP9@rT4$wK8', [])).toBe(4)
  })
})
