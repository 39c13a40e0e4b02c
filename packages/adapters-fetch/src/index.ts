export { createResetkitHandler, type RequestContext, type ResetkitHandler, type ResetkitHandlerOptions } from './handler.js'
export { readBoundedBody } from './read-body.js'
