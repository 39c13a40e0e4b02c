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

// Both threads started: until then the one that is up rightly takes every task.
async function untilBothThreadsRun(pool: WorkerPool<Task, { threadId: number }>): Promise<void> {
  for (let tries = 0; tries < 20; tries++) {
    const pair = await Promise.all([pool.run({ op: 'busy', ms: 50 }), pool.run({ op: 'busy', ms: 50 })])
    if (pair[0].threadId !== pair[1].threadId) return
  }
}

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

  it('hands a task only to a free thread: short tasks never wait behind a long one while another thread is free', async () => {
    const pool = open(2)
    type Ran = { start: number; end: number; threadId: number; index: number }
    await untilBothThreadsRun(pool)
    const [long, ...short]: Ran[] = await Promise.all([pool.run({ op: 'busy', ms: 600, index: 0 }), ...[1, 2, 3, 4].map((index) => pool.run({ op: 'busy', ms: 10, index }))])
    expect(short.every((task) => task.threadId !== long?.threadId && task.end < (long?.end ?? 0))).toBe(true)
  })

  it('hands a busy thread one task ahead while work waits, so it does not idle while this thread is blocked; never two', async () => {
    const pool = open(1)
    await pool.run({ op: 'echo' }) // up, so the first task below starts at once
    type Ran = { start: number; end: number; index: number }
    const ran = [0, 1, 2, 3, 4].map((index) => pool.run({ op: 'busy', ms: 10, index }) as Promise<Ran>)
    await ran[0] // its answer handed over task 1 and, with work still waiting, task 2 behind it
    // This thread reads no answer meanwhile: only a task already handed over can run. 300 ms
    // leaves the worker ample time for two 10 ms tasks even on a loaded machine.
    const blockedUntil = performance.timeOrigin + performance.now() + 300
    while (performance.timeOrigin + performance.now() < blockedUntil);
    const [, second, third] = await Promise.all([ran[1], ran[2], ran[3]])
    expect(second?.end ?? Number.POSITIVE_INFINITY).toBeLessThan(blockedUntil) // ran without this thread
    expect(third?.start ?? 0).toBeGreaterThanOrEqual(blockedUntil - 1) // waited for this thread
    await Promise.all(ran)
  })

  it('counts the tasks no thread has taken yet', async () => {
    const pool = open(2)
    await untilBothThreadsRun(pool)
    expect(pool.waitingTasks()).toBe(0)
    const tasks = [pool.run({ op: 'later', ms: 100 }), pool.run({ op: 'later', ms: 100 })] // one on each thread
    expect(pool.waitingTasks()).toBe(0)
    tasks.push(pool.run({ op: 'later', ms: 100 }), pool.run({ op: 'later', ms: 100 }), pool.runOnFirstThread({ op: 'echo' }))
    expect(pool.waitingTasks()).toBe(2) // the first-thread task is not one any thread may take
    await Promise.all(tasks)
    expect(pool.waitingTasks()).toBe(0)
  })

  it('takes tasks first come, first served', async () => {
    // One thread: the order tasks end in is the order they ran in, whatever the timing.
    const pool = open(1)
    const ended: number[] = []
    await Promise.all(Array.from({ length: 12 }, (_, index) => pool.run({ op: index % 2 === 0 ? 'busy' : 'later', ms: 2, index, value: index }).then(() => ended.push(index))))
    expect(ended).toEqual(Array.from({ length: 12 }, (_, index) => index))
  })

  it('runs every first-thread task on one thread, whatever the mix, and each task still gets its own answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.array(fc.tuple(fc.boolean(), fc.integer()), { maxLength: 30 }), async (threads, tasks) => {
        const pool = open(threads)
        const answers: { value: number; threadId: number }[] = await Promise.all(tasks.map(([first, value]) => (first ? pool.runOnFirstThread({ op: 'echo', value }) : pool.run({ op: 'echo', value }))))
        expect(answers.map((answer) => answer.value)).toEqual(tasks.map(([, value]) => value))
        expect(new Set(answers.filter((_, i) => tasks[i]?.[0]).map((answer) => answer.threadId)).size).toBeLessThanOrEqual(1)
        await pool.close()
      }),
      { numRuns: 15 },
    )
  })

  it('takes first-thread tasks ahead of the tasks queued before them', async () => {
    const pool = open(1)
    await pool.run({ op: 'echo' }) // up, so the first task below starts at once
    const ended: string[] = []
    const done = (name: string) => () => void ended.push(name)
    await Promise.all([
      pool.run({ op: 'busy', ms: 30 }).then(done('running')),
      pool.run({ op: 'echo' }).then(done('queued')),
      pool.runOnFirstThread({ op: 'echo' }).then(done('first-thread')),
    ])
    expect(ended).toEqual(['running', 'first-thread', 'queued'])
  })

  it('hands the other threads none of the first-thread tasks, even while they are free', async () => {
    const pool = open(2)
    const home: { threadId: number } = await pool.runOnFirstThread({ op: 'echo' })
    const [long, short]: { threadId: number; end: number }[] = await Promise.all([pool.runOnFirstThread({ op: 'busy', ms: 100 }), pool.runOnFirstThread({ op: 'busy', ms: 1 })])
    expect([long?.threadId, short?.threadId]).toEqual([home.threadId, home.threadId])
    expect((short?.end ?? 0) >= (long?.end ?? 0)).toBe(true)
  })

  it("runs first-thread tasks on the first thread's replacement once it has died", async () => {
    const pool = open(2)
    const before: { threadId: number } = await pool.runOnFirstThread({ op: 'echo' })
    await expect(pool.runOnFirstThread({ op: 'exit' })).rejects.toBeInstanceOf(WorkerExitedError)
    const after: { threadId: number }[] = await Promise.all([1, 2, 3].map(() => pool.runOnFirstThread({ op: 'echo' })))
    expect(new Set(after.map((answer) => answer.threadId)).size).toBe(1)
    expect(after[0]?.threadId).not.toBe(before.threadId)
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

  it('runs a task handed ahead to a thread that dies before starting it, instead of failing it', async () => {
    const pool = open(1)
    await pool.run({ op: 'echo' }) // up, so the first task below starts at once
    const first = pool.run({ op: 'busy', ms: 20 })
    const dying = expect(pool.run({ op: 'exit' })).rejects.toBeInstanceOf(WorkerExitedError)
    // When the first answers, the exit is handed over and, with work waiting, this one behind it.
    const [after, later]: { value: string }[] = await Promise.all([pool.run({ op: 'echo', value: 'after' }), pool.run({ op: 'echo', value: 'later' }), first, dying])
    expect([after?.value, later?.value]).toEqual(['after', 'later'])
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
    const queuedFirst = expect(pool.runOnFirstThread({ op: 'echo', value: 2 })).rejects.toThrow('the worker pool is closed')
    await pool.close()
    await Promise.all([running, queued, queuedFirst])
    await expect(pool.runOnFirstThread({ op: 'echo', value: 3 })).rejects.toThrow('the worker pool is closed')
    await expect(pool.run({ op: 'echo', value: 3 })).rejects.toThrow('the worker pool is closed')
    await pool.close() // twice is fine
  })
})
