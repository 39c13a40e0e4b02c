export { createResetkitRouter, resetkitErrorHandler, type ResetkitRouterOptions } from './router.js'
export type { RateLimitOptions, RateLimitWindow } from './rate-limits.js'
