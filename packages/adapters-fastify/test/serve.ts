import { nodeHttpTransport, type ServedTransport } from '@resetkit/testing/http'
import Fastify from 'fastify'
import type { AddressInfo } from 'node:net'
import { resetkitFastify, type ResetkitFastifyOptions } from '../src/index.js'

/** A Fastify host with a JSON route of its own beside the plugin, listening on a free port. */
export async function serveFastify(options: ResetkitFastifyOptions): Promise<ServedTransport & { readonly baseUrl: string }> {
  const app = Fastify()
  app.post('/host/echo', async (request) => ({ echoed: request.body }))
  await app.register(resetkitFastify, options)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  return { baseUrl, transport: nodeHttpTransport(baseUrl), close: () => app.close() }
}
