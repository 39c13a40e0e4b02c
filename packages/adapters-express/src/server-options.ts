import { IncomingMessage, ServerResponse, type ServerOptions } from 'node:http'
import { createRequire } from 'node:module'
import type { Socket } from 'node:net'

// Express swaps every request's and response's prototype for its own, and its router then adds
// fields to them. On the V8 of Node 20 an object that gains a property after its prototype
// changed gets a map (a hidden class) of its own, shared with no other object: every request
// then has a new shape, and each property access on it in Node's HTTP code, Express's and this
// adapter's misses its inline cache. Declared at construction, in one order, before the swap,
// these fields are only stored into afterwards, and every request keeps the same shape.

/**
 * What Express (4 and 5), its router, its body parsers (express.json() and the others) and its
 * final handler (the 404 and error pages: parseurl, on-finished) assign to a request, in the
 * order they first do.
 */
const REQUEST_FIELDS = ['res', 'next', 'baseUrl', 'originalUrl', '_parsedUrl', 'params', 'route', 'body', '_parsedOriginalUrl', '__onFinished'] as const

/**
 * Express 5's router keys each request's matched route by a symbol of its own module, not
 * exported, so it is read from that module; none (Express 4, or a router that moves it) leaves
 * that one field added late, which costs speed, not behaviour.
 */
function routerSymbols(): symbol[] {
  try {
    const fromExpress = createRequire(createRequire(import.meta.url).resolve('express'))
    const { matchedRoute } = fromExpress('router/lib/symbols') as { matchedRoute?: unknown }
    return typeof matchedRoute === 'symbol' ? [matchedRoute] : []
  } catch {
    return []
  }
}

let symbols: symbol[] | undefined

class ExpressRequest extends IncomingMessage {
  constructor(socket: Socket) {
    super(socket)
    const fields = this as unknown as Record<PropertyKey, unknown>
    for (const name of REQUEST_FIELDS) fields[name] = undefined
    for (const symbol of (symbols ??= routerSymbols())) fields[symbol] = undefined
    // EventEmitter.prototype's 0, as an own field: the first listener (the body reader's) counts
    // into it instead of adding it.
    fields['_eventsCount'] = 0
  }
}

class ExpressResponse extends ServerResponse<ExpressRequest> {
  constructor(req: ExpressRequest) {
    super(req)
    const fields = this as unknown as Record<PropertyKey, unknown>
    // Express's locals; the status, which lives on ServerResponse.prototype until set; and
    // on-finished's listeners (Express's file sending, loggers such as morgan).
    fields['locals'] = undefined
    fields['statusCode'] = 200
    fields['statusMessage'] = undefined
    fields['__onFinished'] = undefined
  }
}

/**
 * `node:http` (or `node:https`) server options for serving an Express app: its requests and
 * responses start with the fields Express and its router give them, so every request has one
 * shape. Same behaviour; less event-loop CPU per request on Node 20 (see the README).
 *
 * @example
 * createServer(expressServerOptions(), app).listen(3000)
 */
export function expressServerOptions(): ServerOptions<typeof IncomingMessage, typeof ServerResponse> {
  return { IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse as unknown as typeof ServerResponse }
}
