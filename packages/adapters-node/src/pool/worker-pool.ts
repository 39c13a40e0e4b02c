/**
 * A fixed set of worker threads running one task module, one task per thread at a time, first in
 * first out, with a queue of its own for tasks only the first thread can run, served first. It
 * replaces piscina here, which cost the event loop about three times as much per task whatever
 * its options (`node bench/pool-handoff.js`; the adapters-node README has its table).
 */
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { createFifo, type Fifo } from './fifo.js'
import type { TaskReply } from './pool-thread.js'

export interface WorkerPoolOptions {
  /** Threads started at once and kept; each runs one task at a time. */
  readonly threads: number
  /** V8 heap limits per thread (e.g. a small young generation for threads that allocate little). */
  readonly resourceLimits?: ResourceLimits
}

export interface WorkerPool<Task, Result> {
  run(task: Task): Promise<Result>
  /**
   * Runs `task` on the pool's first thread (or the one that replaced it), ahead of any task
   * queued with `run`: for work that needs state only that thread loads (zxcvbn's dictionaries).
   */
  runOnFirstThread(task: Task): Promise<Result>
  /** Tasks handed to `run` that no thread has taken yet. */
  waitingTasks(): number
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
  /** Its place in the pool: 0 is the first thread, the one `runOnFirstThread` uses. */
  readonly slot: number
  /** The jobs handed to this thread, in the order it answers them: the one running, and at most one more. */
  readonly jobs: Job<Result>[]
  /** Whether its task module loaded: a thread that dies before that cannot run anything. */
  ready: boolean
  /** Whether it keeps the process alive: only while it has work (toggled on change only). */
  referenced: boolean
}

const THREAD_ENTRY = new URL('./pool-thread.js', import.meta.url)

/** `taskModule` exports a default function of one structured-cloneable argument. */
export function createWorkerPool<Task, Result>(taskModule: URL, options: WorkerPoolOptions): WorkerPool<Task, Result> {
  if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError('threads must be a whole number ≥ 1')
  // A thread that dies is replaced in its own slot, so slot 0 is always the first thread.
  const slots: (Thread<Result> | undefined)[] = Array.from({ length: options.threads })
  const queue = createFifo<Job<Result>>()
  const firstThreadQueue = createFifo<Job<Result>>()
  let closed = false

  const nextFor = (thread: Thread<Result>): Job<Result> | undefined => (thread.slot === 0 ? firstThreadQueue.take() : undefined) ?? queue.take()

  const handOver = (thread: Thread<Result>): void => {
    const job = nextFor(thread)
    if (job === undefined) return
    thread.jobs.push(job)
    thread.worker.postMessage(job.task)
  }

  const dispatch = (thread: Thread<Result>): void => {
    if (thread.jobs.length === 0) handOver(thread)
    // While there is queued work for every thread, a thread holds one task beyond the one it
    // runs, and starts it the moment it answers, instead of idling until this thread, busy with
    // requests, reads its answer and hands it the next: the ratio to the bound at N = 5, c = 8
    // rose by 0.02–0.03 in two interleaved pairs; at c = 1 and 64 and at N = 0 the change was
    // within the runs' spread. With less queued, the next task stays for whichever thread is free first.
    if (thread.jobs.length === 1 && queue.size >= options.threads) handOver(thread)
    // An idle pool never keeps the process alive; a busy one does, until its tasks answer.
    const busy = thread.jobs.length > 0
    if (thread.referenced !== busy) {
      thread.referenced = busy
      if (busy) thread.worker.ref()
      else thread.worker.unref()
    }
  }

  const rejectQueued = (error: Error): void => {
    for (const waiting of [firstThreadQueue, queue]) for (let job = waiting.take(); job !== undefined; job = waiting.take()) job.reject(error)
  }

  const start = (slot: number): Thread<Result> => {
    const worker = new Worker(THREAD_ENTRY, {
      workerData: { taskModule: taskModule.href },
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    })
    const thread: Thread<Result> = { worker, slot, jobs: [], ready: false, referenced: true }
    worker.on('message', (reply: TaskReply<Result>) => {
      if (reply.kind === 'ready') {
        thread.ready = true
        dispatch(thread)
        return
      }
      const job = thread.jobs.shift()
      if (reply.kind === 'done') job?.resolve(reply.value)
      else job?.reject(new WorkerTaskError(reply.message))
      dispatch(thread)
    })
    // 'error' (an uncaught throw, a failed import, a heap limit) is always followed by 'exit'.
    let cause: Error | undefined
    worker.on('error', (error) => (cause = error))
    worker.on('exit', (code) => {
      if (slots[slot] === thread) slots[slot] = undefined
      if (closed) return
      const error = new WorkerExitedError(`worker thread exited (code ${code}) before answering`, { cause })
      const [running, ...handedAhead] = thread.jobs.splice(0)
      running?.reject(error)
      // Tasks it had not started go back in front, for its replacement or any other thread.
      for (const job of handedAhead.reverse()) (slot === 0 ? firstThreadQueue : queue).pushFront(job)
      // One that never loaded its module would fail again: fail what waits instead of looping.
      if (!thread.ready) return rejectQueued(error)
      slots[slot] = start(slot)
    })
    return thread
  }

  // After a start-up failure the pool is short of threads: they start again on demand.
  const startMissing = (): void => slots.forEach((thread, slot) => (slots[slot] = thread ?? start(slot)))
  startMissing()

  const enqueue = (waiting: Fifo<Job<Result>>, task: Task, idle: () => Thread<Result> | undefined): Promise<Result> => {
    if (closed) return Promise.reject(new WorkerExitedError('the worker pool is closed'))
    return new Promise<Result>((resolve, reject) => {
      waiting.push({ task, resolve, reject })
      startMissing()
      const thread = idle()
      if (thread !== undefined) dispatch(thread)
    })
  }
  const isIdle = (thread: Thread<Result> | undefined): thread is Thread<Result> => thread !== undefined && thread.ready && thread.jobs.length === 0

  return {
    run: (task) => enqueue(queue, task, () => slots.find(isIdle)),
    runOnFirstThread: (task) => enqueue(firstThreadQueue, task, () => (isIdle(slots[0]) ? slots[0] : undefined)),
    waitingTasks: () => queue.size,
    async close() {
      if (closed) return
      closed = true
      const error = new WorkerExitedError('the worker pool is closed')
      rejectQueued(error)
      const running = slots.filter((thread) => thread !== undefined)
      for (const thread of running) for (const job of thread.jobs.splice(0)) job.reject(error)
      await Promise.all(running.map((thread) => thread.worker.terminate()))
    },
  }
}
