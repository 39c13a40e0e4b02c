/**
 * `@resetkit/core/internal`: what resetkit's own packages (http, the adapters, the test kit)
 * share with core and applications should not need: the port caller, the auditor, digests, the
 * token id. It may change in any release; an application imports `@resetkit/core` only.
 */
export { runWithRetry } from './after-reset.js'
export { createAuditor, silentAuditor, type Auditor } from './audit/auditor.js'
export type { TransportAuditDraft } from './audit/events.js'
export { digestsEqual, sha256Hex } from './crypto/digest.js'
export { codeHashOf, tokenIdOf } from './otp/secrets.js'
export { liveCodeKey } from './otp/live-code-key.js'
export { phoneLibrary } from './phone-library.js'
export { mapErrAsync, orElseAsync } from './result-async.js'
export { callPort, createPortCaller, DEFAULT_PORT_TIMEOUT_MS, type PortCaller } from './port-call.js'
export { UNREACHABLE_ERRNOS } from './unavailable.js'
export { secureEndpoint } from './secure-endpoint.js'
