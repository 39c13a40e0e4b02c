export { createRedisOtpStore, type RedisOtpStoreOptions } from './otp-store.js'
