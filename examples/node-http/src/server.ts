import { createRequestListener } from '@remix-run/node-fetch-server'
import { createResetkitHandler, type ResetkitHandlerOptions } from '@resetkit/adapters-fetch'
import { createServer, type Server } from 'node:http'

/**
 * resetkit on plain node:http. node-fetch-server turns each IncomingMessage into a Request and
 * the Response back, and tells us the client's address for the per-IP limit.
 */
export function createResetkitServer(deps: ResetkitHandlerOptions): Server {
  const resetkit = createResetkitHandler(deps)
  return createServer(createRequestListener((request: Request, client: { address: string }) => resetkit(request, { clientIp: client.address })))
}
