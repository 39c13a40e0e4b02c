// The body of every pool thread: loads the task module named in workerData, says it is ready,
// then answers each task with its result or its error's message (never the task itself).
import { parentPort, workerData } from 'node:worker_threads'

export type TaskReply<Result> =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly value: Result }
  | { readonly kind: 'failed'; readonly message: string }

type TaskFunction = (task: unknown) => unknown

const port = parentPort
if (port === null) throw new Error('pool-thread.js runs only as a worker thread')
const { taskModule } = workerData as { taskModule: string }
const { default: run } = (await import(taskModule)) as { default: TaskFunction }

port.on('message', (task: unknown) => {
  // A synchronous result (argon2id) is answered without a promise in between.
  let result: unknown
  try {
    result = run(task)
  } catch (error) {
    port.postMessage(failed(error))
    return
  }
  if (!(result instanceof Promise)) {
    port.postMessage({ kind: 'done', value: result })
    return
  }
  result.then(
    (value: unknown) => port.postMessage({ kind: 'done', value }),
    (error: unknown) => port.postMessage(failed(error)),
  )
})
port.postMessage({ kind: 'ready' })

function failed(error: unknown): TaskReply<never> {
  return { kind: 'failed', message: error instanceof Error ? error.message : 'task failed' }
}
