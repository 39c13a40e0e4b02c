export { BODY_ALREADY_PARSED, createResetkitRouter, type ResetkitRouterOptions } from './router.js'
export { expressServerOptions } from './server-options.js'
