export { createRedisOtpStore, type RedisOtpStoreOptions } from './otp-store.js'
export { createRedisWindowBudget, type RedisWindowBudgetOptions } from './window-budget.js'
export { isConnectionLoss, watchConnection, type RedisConnectionEvent, type RedisConnectionListener } from './connection.js'
export { createRedisRateLimiter, type RedisRateLimiterOptions } from './rate-limiter.js'
