// The demo's resetkit served by Hono on Node: PORT=3001 node dist/main.js
import { serve } from '@hono/node-server'
import { createDemoDeps, readConfig } from '@resetkit/demo'
import { createHonoApp } from './app.js'

const config = readConfig(process.env)
const deps = await createDemoDeps(config)
serve({ fetch: createHonoApp(deps).fetch, port: config.port }, ({ port }) => console.log(`resetkit on Hono: http://localhost:${port}`))
