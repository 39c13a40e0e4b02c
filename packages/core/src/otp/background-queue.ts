/** How codes for known accounts only are delivered off the request path. */
export interface BackgroundDeliveryOptions {
  /** Deliveries running at once. Default 8. */
  readonly concurrency?: number
  /** Deliveries waiting beyond those; a send past it is answered `temporarily_unavailable`. Default 1,000. */
  readonly maxQueued?: number
  /** Waits before each retry of a step that got no answer (outage, timeout). Default [1000, 5000]. */
  readonly retryDelaysMs?: readonly number[]
}

export const DEFAULT_BACKGROUND_DELIVERY = { concurrency: 8, maxQueued: 1_000, retryDelaysMs: [1_000, 5_000] } as const

export interface BackgroundQueue {
  /** Starts or queues `job`; false, and nothing queued, when the queue is full. */
  offer(job: () => Promise<void>): boolean
  /** Settles once every job offered so far has finished (tests, graceful shutdown). */
  idle(): Promise<void>
}

/**
 * A bounded in-process queue: memory stays bounded under a flood, and a job's failure is its
 * own to report (jobs must not reject; one that does is dropped, not left unhandled).
 */
export function createBackgroundQueue(concurrency: number, maxQueued: number): BackgroundQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`)
  if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new TypeError(`maxQueued must be a whole number ≥ 0, got ${maxQueued}`)
  const waiting: Array<() => Promise<void>> = []
  let running = 0
  let idleWaiters: Array<() => void> = []

  const settleIdle = (): void => {
    if (running > 0 || waiting.length > 0) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  const start = (job: () => Promise<void>): void => {
    running++
    void Promise.resolve()
      .then(job)
      .catch(() => {})
      .finally(() => {
        running--
        const next = waiting.shift()
        if (next !== undefined) start(next)
        else settleIdle()
      })
  }

  return {
    offer(job) {
      if (running < concurrency) start(job)
      else if (waiting.length < maxQueued) waiting.push(job)
      else return false
      return true
    },
    idle: () =>
      running === 0 && waiting.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            idleWaiters.push(resolve)
          }),
  }
}
