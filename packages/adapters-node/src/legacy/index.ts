/**
 * `@resetkit/adapters-node/legacy`: verifying password hashes made before resetkit (bcrypt,
 * scrypt, PBKDF2 as Django, Werkzeug and passlib write them) while hashing new ones with argon2id.
 */
export { createLegacyAwareHasher, type LegacyAwareHasher, type LegacyAwareHasherOptions } from './legacy-aware-hasher.js'
export { LEGACY_LIMITS, parseLegacyHash, type LegacyHash } from './formats.js'
