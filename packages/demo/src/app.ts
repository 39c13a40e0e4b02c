import { createResetkitRouter, expressServerOptions } from '@resetkit/adapters-express'
import express, { type Express } from 'express'
import { createServer, type Server } from 'node:http'
import type { DemoConfig } from './config.js'
import { createDemoDeps, type DemoOverrides } from './deps.js'

export interface DemoApp {
  readonly app: Express
  /** Whether every store answers now. */
  readonly ready: () => Promise<boolean>
  /** Stops the zxcvbn worker. */
  readonly close: () => Promise<void>
}

export const HEALTH_PATH = '/healthz'

/** The demo as an Express app. */
export async function createDemoApp(config: DemoConfig, overrides: DemoOverrides = {}): Promise<DemoApp> {
  const { close, ready, ...deps } = await createDemoDeps(config, overrides)
  const app = express()
  app.disable('x-powered-by')
  // Readiness for a load balancer or orchestrator: 503 while a store cannot be reached.
  app.get(HEALTH_PATH, (_req, res) => {
    void ready().then((ok) =>
      res.status(ok ? 200 : 503).set({ 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' }).end(ok ? '{"status":"ok"}' : '{"status":"unavailable"}'),
    )
  })
  app.use(createResetkitRouter(deps))
  app.use((_req, res) => {
    res.status(404).set('content-type', 'application/json;charset=UTF-8').end('{"error":"not_found"}')
  })
  return { app, ready, close }
}

/**
 * The demo's HTTP server for its app: with `expressServerOptions()`, every request keeps one
 * shape through Express, which costs the event loop less per request (the README's bench).
 */
export const createDemoServer = (app: Express): Server => createServer(expressServerOptions(), app)
