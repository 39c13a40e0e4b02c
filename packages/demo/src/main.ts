// `pnpm start`: the demo server on the memory adapters.
import { createDemoApp } from './app.js'
import { readConfig } from './config.js'
import { walkthrough } from './walkthrough.js'

const config = readConfig(process.env)
const { app, close } = await createDemoApp(config)
const server = app.listen(config.port, () => {
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  console.log(walkthrough(`http://localhost:${port}`))
})

const stop = (): void => {
  server.close()
  void close()
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
