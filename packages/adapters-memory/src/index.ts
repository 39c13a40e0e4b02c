export { createMemoryUserStore, type MemoryUserStore } from './user-store.js'
export { createMemoryOtpStore, type MemoryOtpStore } from './otp-store.js'
export { createMemoryAccessTokens, createMemoryClientRegistry } from './clients.js'
export {
  createCapturingOtpSender,
  createControllableClock,
  type CapturingOtpSender,
  type ControllableClock,
} from './test-doubles.js'
