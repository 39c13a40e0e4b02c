import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
// Pool threads run compiled JavaScript, so this uses the built pool, as the hashers do.
import { createWorkerPool, WorkerExitedError, WorkerTaskError, type WorkerPool } from '../dist/pool/worker-pool.js'

const ECHO = new URL('./fixtures/pool/echo-task.mjs', import.meta.url)
const BROKEN = new URL('./fixtures/pool/broken-task.mjs', import.meta.url)

type Task = { op: string; [key: string]: unknown }
const pools: WorkerPool<Task, unknown>[] = []
const open = (threads: number, module = ECHO): WorkerPool<Task, any> => {
  const pool = createWorkerPool<Task, unknown>(module, { threads })
  pools.push(pool)
  return pool
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

describe('worker pool', () => {
  it('refuses a thread count that is not a whole number ≥ 1', () => {
    for (const threads of [0, -1, 1.5, Number.NaN]) expect(() => createWorkerPool(ECHO, { threads })).toThrow('threads must be a whole number ≥ 1')
  })

  it('answers every task with its own result, whatever the mix and the number of threads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 40 }), async (threads, values) => {
        const pool = open(threads)
        const answers = await Promise.all(values.map((value) => pool.run({ op: 'echo', value })))
        expect(answers.map((answer: { value: unknown }) => answer.value)).toEqual(values)
        await pool.close()
      }),
      { numRuns: 15 },
    )
  })

  it('runs one task per thread at a time, on every thread, first come first served', async () => {
    const pool = open(2)
    const answers: { overlapping: number; threadId: number }[] = await Promise.all(Array.from({ length: 8 }, () => pool.run({ op: 'busy', ms: 20 })))
    expect(answers.every((answer) => answer.overlapping === 1)).toBe(true)
    expect(new Set(answers.map((answer) => answer.threadId)).size).toBe(2)
    // FIFO: the order tasks finish in is the order they were queued, two at a time.
    const finished: number[] = []
    await Promise.all(Array.from({ length: 6 }, (_, i) => pool.run({ op: 'later', ms: 5, value: i }).then(() => finished.push(i))))
    expect(finished.slice(0, 2).sort()).toEqual([0, 1])
    expect(finished.slice(4).sort()).toEqual([4, 5])
  })

  it("rejects a task that throws or rejects with the error's message, and goes on", async () => {
    const pool = open(1)
    await expect(pool.run({ op: 'throw', message: 'bad input' })).rejects.toThrow(new WorkerTaskError('bad input'))
    await expect(pool.run({ op: 'reject', message: 'bad later' })).rejects.toThrow(new WorkerTaskError('bad later'))
    expect(await pool.run({ op: 'echo', value: 1 })).toMatchObject({ value: 1 })
  })

  it('rejects the task whose thread dies, replaces the thread, and runs the tasks queued behind it', async () => {
    const pool = open(1)
    const first: { threadId: number } = await pool.run({ op: 'echo', value: 0 })
    const dying = expect(pool.run({ op: 'exit' })).rejects.toBeInstanceOf(WorkerExitedError)
    const queued = pool.run({ op: 'echo', value: 'after' })
    await dying
    const after: { value: string; threadId: number } = await queued
    expect(after.value).toBe('after')
    expect(after.threadId).not.toBe(first.threadId)
  })

  it('fails every waiting task when the module cannot load, and tries again on the next task', async () => {
    const pool = open(2, BROKEN)
    await Promise.all(Array.from({ length: 4 }, () => expect(pool.run({ op: 'echo' })).rejects.toBeInstanceOf(WorkerExitedError)))
    await expect(pool.run({ op: 'echo' })).rejects.toBeInstanceOf(WorkerExitedError)
  })

  it('close() rejects what is running and queued, then every later task', async () => {
    const pool = open(1)
    const running = expect(pool.run({ op: 'later', ms: 1000, value: 1 })).rejects.toThrow('the worker pool is closed')
    const queued = expect(pool.run({ op: 'echo', value: 2 })).rejects.toThrow('the worker pool is closed')
    await pool.close()
    await Promise.all([running, queued])
    await expect(pool.run({ op: 'echo', value: 3 })).rejects.toThrow('the worker pool is closed')
    await pool.close() // twice is fine
  })
})
