export { createResetkit, type Resetkit, type ResetkitOptions } from './create-resetkit.js'
export { createLoggerAuditLog, type StructuredLogger } from './logger.js'
