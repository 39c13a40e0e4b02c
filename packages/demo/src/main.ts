// `pnpm start`: the demo server on the memory adapters (or PostgreSQL + Redis with STORE=postgres).
import { createDemoApp, createDemoServer, HEALTH_PATH } from './app.js'
import { readConfig } from './config.js'
import { walkthrough } from './walkthrough.js'

// Start-up fails with one line, not a stack: a store that cannot be reached is an operator's matter.
const fail = (what: string, error?: unknown): never => {
  const code = (error as { code?: unknown } | undefined)?.code
  const kind = error === undefined ? '' : ` (${error instanceof Error ? error.constructor.name : typeof error}${typeof code === 'string' ? ` ${code}` : ''})`
  console.error(`resetkit demo: ${what}${kind}`)
  process.exit(1)
}

const config = readConfig(process.env)
const { app, ready, close } = await createDemoApp(config).catch((error: unknown) => fail(`cannot start: a store could not be reached or set up`, error))
// Listening is reported only once every store answers; afterwards GET /healthz tells.
if (!(await ready())) {
  await close()
  fail(`cannot start: a store does not answer (STORE=${config.store})`)
}
const server = createDemoServer(app).listen(config.port, () => {
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  console.log(walkthrough(`http://localhost:${port}`))
  console.log(`readiness: GET http://localhost:${port}${HEALTH_PATH}`)
})

const stop = (): void => {
  server.close()
  void close()
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
