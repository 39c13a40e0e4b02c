/**
 * `@resetkit/testing`: contract suites any adapter can run with one line, fast-check
 * arbitraries for your own property tests, and a fast hasher for tests only. Needs vitest and
 * fast-check as (dev) dependencies.
 */
export { describeUserStoreContract, type UserStoreContractOptions } from './user-store-contract.js'
export { describeOtpStoreContract, type OtpStoreContractOptions } from './otp-store-contract.js'
export { describeWindowBudgetContract, type WindowBudgetContractOptions } from './window-budget-contract.js'
export {
  describeAccessTokenVerifierContract,
  describeClientRegistryContract,
  type AccessTokenVerifierContractOptions,
  type VerifierUnderTest,
  type ClientRegistryContractOptions,
} from './client-registry-contract.js'
export { describeResetFlowContract, type ResetFlowContractOptions, type ResetFlowStores } from './reset-flow-contract.js'
export { describeSessionRevokerContract, type SessionRevokerContractOptions } from './session-revoker-contract.js'
export { describeBreachedPasswordCheckerContract, type BreachedPasswordCheckerContractOptions } from './breached-password-checker-contract.js'
export * from './arbitraries.js'
export { adversarialPasswords } from './adversarial-passwords.js'
export { createFastTestHasher } from './fast-hasher.js'
export { describePasswordHasherContract, type PasswordHasherContractOptions } from './password-hasher-contract.js'
export { describeOtpSenderContract, type DeliveredMessage, type OtpSenderContractOptions, type OtpSenderUnderTest } from './otp-sender-contract.js'
export { everythingShownOf } from './shown.js'
