import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { argon2HasherOn, type Argon2Answer, type Argon2Threads } from '../src/argon2-on-threads.js'
import type { Argon2Task } from '../src/argon2-task.js'

const PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 }
const NEW_HASH = '$argon2id$v=19$m=19456,t=2,p=1$new'

// Threads that answer a batch as argon2-task.ts does, and keep every task they were handed.
function threadsAnswering(matching: ReadonlySet<string>, waiting: number): Argon2Threads & { readonly tasks: Argon2Task[] } {
  const tasks: Argon2Task[] = []
  const run = (task: Argon2Task): Promise<Argon2Answer> => {
    tasks.push(task)
    if (task.op !== 'batch') return Promise.reject(new Error(`unexpected ${task.op}`))
    const reused = task.compare.some((encoded) => matching.has(encoded))
    return Promise.resolve(task.hash ? { reused, hash: NEW_HASH } : { reused })
  }
  return { tasks, run, threads: 2, waitingTasks: () => waiting }
}

describe('hashAndCompare on worker threads', () => {
  it('splits the runs over the threads unless a task already waits for every thread, then hands them over as one task, and answers the same either way', async () => {
    const history = fc.uniqueArray(fc.string({ maxLength: 6 }).map((tail) => `$argon2id$v=19$m=19456,t=2,p=1$${tail}`), { maxLength: 8 })
    await fc.assert(
      fc.asyncProperty(history, fc.nat({ max: 4 }), fc.array(fc.nat({ max: 7 }), { maxLength: 2 }), async (previous, waiting, matchAt) => {
        const matching = new Set(matchAt.map((i) => previous[i]).filter((encoded) => encoded !== undefined))
        const threads = threadsAnswering(matching, waiting)
        const result = await argon2HasherOn(threads, PARAMS).hashAndCompare?.('password', previous)
        expect(result).toEqual({ hash: NEW_HASH, reused: matching.size > 0 })
        const batches = threads.tasks.flatMap((task) => (task.op === 'batch' ? [task] : []))
        expect(batches).toHaveLength(threads.tasks.length)
        expect(batches).toHaveLength(waiting >= 2 ? 1 : Math.min(2, previous.length + 1))
        expect(batches.flatMap((batch) => batch.compare)).toEqual(previous)
        expect(batches.map((batch) => batch.hash)).toEqual(batches.map((_, i) => i === batches.length - 1))
      }),
    )
  })
})
