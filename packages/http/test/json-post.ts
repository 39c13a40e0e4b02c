import type { HttpRequest } from '../src/index.js'

/** A transport-neutral `POST` of a JSON body, as the tests hand it to the handler. */
export const jsonPost = (path: string, body: Record<string, unknown>, headers: Record<string, string> = {}, clientIp?: string): HttpRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body: { kind: 'text', text: JSON.stringify(body) },
  ...(clientIp === undefined ? {} : { clientIp }),
})
