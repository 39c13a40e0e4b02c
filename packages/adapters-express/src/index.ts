export { createResetkitRouter, resetkitErrorHandler, type ResetkitRouterOptions } from './router.js'
