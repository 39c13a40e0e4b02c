import { createResetkitRouter } from '@resetkit/adapters-express'
import express, { type Express } from 'express'
import type { DemoConfig } from './config.js'
import { createDemoDeps, type DemoOverrides } from './deps.js'

export interface DemoApp {
  readonly app: Express
  /** Stops the zxcvbn worker. */
  close(): Promise<void>
}

/** The demo as an Express app. */
export async function createDemoApp(config: DemoConfig, overrides: DemoOverrides = {}): Promise<DemoApp> {
  const { close, ...deps } = await createDemoDeps(config, overrides)
  const app = express()
  app.disable('x-powered-by')
  app.use(createResetkitRouter(deps))
  app.use((_req, res) => {
    res.status(404).set('content-type', 'application/json;charset=UTF-8').end('{"error":"not_found"}')
  })
  return { app, close }
}
