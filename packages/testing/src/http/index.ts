/**
 * `@resetkit/testing/http`: the HTTP contract suite for any transport, and the helpers to run it.
 * Its world runs on @resetkit/adapters-memory.
 */
export { describeHttpContract, type HttpContractOptions } from './http-contract.js'
export { basicAuth } from './requests.js'
export { nodeHttpTransport, toWireResponse, type ServeTransport, type ServedTransport, type Transport, type WireRequest, type WireResponse } from './transport.js'
export { GOOD_PASSWORD, makeHttpWorld, WEB_CLIENT, type HttpWorld, type WorldOptions, type Wrap } from './world.js'
