/**
 * A fixed set of worker threads running one task module, one task per thread at a time, first in
 * first out. It replaces piscina here, which cost the event loop about twice as much per task
 * whatever its options (`node bench/pool-handoff.js`; the adapters-node README has its table).
 */
import { Worker, type ResourceLimits } from 'node:worker_threads'
import type { TaskReply } from './pool-thread.js'

export interface WorkerPoolOptions {
  /** Threads started at once and kept; each runs one task at a time. */
  readonly threads: number
  /** V8 heap limits per thread (e.g. a small young generation for threads that allocate little). */
  readonly resourceLimits?: ResourceLimits
}

export interface WorkerPool<Task, Result> {
  run(task: Task): Promise<Result>
  /** Ends every thread; tasks still queued or running are rejected. */
  close(): Promise<void>
}

/** A task's own error, rethrown on the calling thread with the worker's message. */
export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError'
}

/** The thread running a task ended, or the pool was closed, before it answered. */
export class WorkerExitedError extends Error {
  override readonly name = 'WorkerExitedError'
}

interface Job<Result> {
  readonly task: unknown
  readonly resolve: (value: Result) => void
  readonly reject: (error: Error) => void
}

interface Thread<Result> {
  readonly worker: Worker
  /** The job this thread is running, if any. */
  job: Job<Result> | undefined
  /** Whether its task module loaded: a thread that dies before that cannot run anything. */
  ready: boolean
  /** Whether it keeps the process alive: only while it has work (toggled on change only). */
  referenced: boolean
}

const THREAD_ENTRY = new URL('./pool-thread.js', import.meta.url)

/** `taskModule` exports a default function of one structured-cloneable argument. */
export function createWorkerPool<Task, Result>(taskModule: URL, options: WorkerPoolOptions): WorkerPool<Task, Result> {
  if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError('threads must be a whole number ≥ 1')
  const threads: Thread<Result>[] = []
  const queue: Job<Result>[] = []
  let queueHead = 0
  let closed = false

  const nextQueued = (): Job<Result> | undefined => {
    if (queueHead === queue.length) return undefined
    const job = queue[queueHead++]
    // Compact once the consumed prefix dominates, so a long run does not keep every job.
    if (queueHead > 1024 && queueHead * 2 > queue.length) {
      queue.splice(0, queueHead)
      queueHead = 0
    }
    return job
  }

  const dispatch = (thread: Thread<Result>): void => {
    const job = nextQueued()
    thread.job = job
    // An idle pool never keeps the process alive; a busy one does, until its tasks answer.
    const busy = job !== undefined
    if (thread.referenced !== busy) {
      thread.referenced = busy
      if (busy) thread.worker.ref()
      else thread.worker.unref()
    }
    if (busy) thread.worker.postMessage(job.task)
  }

  const rejectQueued = (error: Error): void => {
    for (let job = nextQueued(); job !== undefined; job = nextQueued()) job.reject(error)
  }

  const start = (): Thread<Result> => {
    const worker = new Worker(THREAD_ENTRY, {
      workerData: { taskModule: taskModule.href },
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    })
    const thread: Thread<Result> = { worker, job: undefined, ready: false, referenced: true }
    worker.on('message', (reply: TaskReply<Result>) => {
      if (reply.kind === 'ready') {
        thread.ready = true
        dispatch(thread)
        return
      }
      const job = thread.job
      thread.job = undefined
      if (reply.kind === 'done') job?.resolve(reply.value)
      else job?.reject(new WorkerTaskError(reply.message))
      dispatch(thread)
    })
    // 'error' (an uncaught throw, a failed import, a heap limit) is always followed by 'exit'.
    let cause: Error | undefined
    worker.on('error', (error) => (cause = error))
    worker.on('exit', (code) => {
      const index = threads.indexOf(thread)
      if (index !== -1) threads.splice(index, 1)
      if (closed) return
      const error = new WorkerExitedError(`worker thread exited (code ${code}) before answering`, { cause })
      thread.job?.reject(error)
      // One that never loaded its module would fail again: fail what waits instead of looping.
      if (!thread.ready) return rejectQueued(error)
      threads.push(start())
    })
    return thread
  }

  for (let i = 0; i < options.threads; i++) threads.push(start())

  return {
    run(task) {
      if (closed) return Promise.reject(new WorkerExitedError('the worker pool is closed'))
      return new Promise<Result>((resolve, reject) => {
        queue.push({ task, resolve, reject })
        // After a start-up failure the pool is short of threads: start them again on demand.
        while (threads.length < options.threads) threads.push(start())
        const idle = threads.find((thread) => thread.ready && thread.job === undefined)
        if (idle !== undefined) dispatch(idle)
      })
    },
    async close() {
      if (closed) return
      closed = true
      const error = new WorkerExitedError('the worker pool is closed')
      rejectQueued(error)
      for (const thread of threads) thread.job?.reject(error)
      await Promise.all(threads.map((thread) => thread.worker.terminate()))
    },
  }
}
