import { getConnInfo } from '@hono/node-server/conninfo'
import { createResetkitHandler, type ResetkitHandlerOptions } from '@resetkit/adapters-fetch'
import { Hono } from 'hono'

/** resetkit inside a Hono app: two routes handing the raw Request to the fetch handler. */
export function createHonoApp(deps: ResetkitHandlerOptions): Hono {
  const resetkit = createResetkitHandler(deps)
  const app = new Hono()
  app.all('/otp/send', (c) => resetkit(c.req.raw, { clientIp: getConnInfo(c).remote.address }))
  app.all('/reset_user_password', (c) => resetkit(c.req.raw, { clientIp: getConnInfo(c).remote.address }))
  return app
}
