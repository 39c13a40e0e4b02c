export { createMemoryUserStore, type MemoryUserStore } from './user-store.js'
export { createMemoryOtpStore, type MemoryOtpStore } from './otp-store.js'
export { createMemoryAccessTokens, createMemoryClientRegistry } from './clients.js'
export {
  createCapturingAuditLog,
  type CapturingAuditLog,
  createCapturingNotifier,
  createCapturingOtpSender,
  type CapturingNotifier,
  createControllableClock,
  type CapturingOtpSender,
  type ControllableClock,
} from './test-doubles.js'
export { createMemorySessionStore, type MemorySessionStore } from './sessions.js'
export { createMemoryBreachedPasswords, type MemoryBreachedPasswords } from './breached-passwords.js'
export { createMemoryWindowBudget, type MemoryWindowBudget } from './window-budget.js'
export { createMemoryStores, type MemoryStores } from './stores.js'
