import { describeHttpContract, nodeHttpTransport } from '@resetkit/testing/http'
import express from 'express'
import type { AddressInfo } from 'node:net'
import { createResetkitRouter } from '../src/index.js'

describeHttpContract({
  name: 'express',
  serve: async (deps, { bodyLimitBytes }) => {
    const app = express()
    app.use(createResetkitRouter({ ...deps, bodyLimitBytes }))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    return { transport: nodeHttpTransport(`http://127.0.0.1:${port}`), close: () => new Promise((resolve) => server.close(() => resolve())) }
  },
})
