import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * Starts `module` (`what` names it in errors) in a thread of its own and resolves with the first message it posts. For work
 * whose garbage should not outlive it: loading a module there keeps it out of this thread's
 * heap, and everything the thread allocated goes back with it when it ends.
 */
export function answerFromThread<Answer>(what: string, module: URL, options: WorkerOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(module, options)
    thread.once('message', resolve)
    thread.once('error', reject)
    // After an answer this settles nothing; without one, the thread failed.
    thread.once('exit', (code) => reject(new Error(`${what} thread exited (code ${code}) without an answer`)))
  })
}
