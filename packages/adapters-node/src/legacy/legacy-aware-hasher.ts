import type { PasswordHasher } from '@resetkit/core'
import { createArgon2WorkerHasher } from '../argon2.js'
import { parseLegacyHash } from './formats.js'

export interface LegacyAwareHasherOptions {
  /** Hashes new passwords and verifies its own; default `createArgon2WorkerHasher()`. */
  readonly hasher?: PasswordHasher & { close?(): Promise<void> }
  /** Which stored hashes are `hasher`'s own; default: argon2 PHC strings (`$argon2id$…`). */
  readonly isOwnHash?: (encoded: string) => boolean
  /**
   * Told of a stored hash in no format we know (or beyond the cost limits), with only its
   * scheme label (the text before the first `$` or `:`, if short), never the hash. Such a hash
   * never matches, so a reused password would slip past the history rule: by default this is
   * a process warning, once per label.
   */
  readonly onUnrecognisedHash?: (report: { readonly scheme: string }) => void
}

export interface LegacyAwareHasher extends PasswordHasher {
  /** True for a hash made before resetkit (rehash it with `hash` once the password is known). */
  isLegacy(encoded: string): boolean
  /** Stops the default hasher's worker threads (not one you passed in). */
  close(): Promise<void>
}

const ARGON2 = /^\$argon2(id|i|d)\$/

// Only a short, plain label: never a fragment of the hash itself.
const schemeLabel = (encoded: string): string => {
  const label = /^\$?([A-Za-z0-9_-]{1,24})[$:]/.exec(encoded)?.[1]
  return label ?? 'unknown'
}

function warnOncePerScheme(): (report: { readonly scheme: string }) => void {
  const warned = new Set<string>()
  return ({ scheme }) => {
    if (warned.has(scheme)) return
    warned.add(scheme)
    process.emitWarning(`resetkit: a stored password hash of scheme "${scheme}" is in no format resetkit verifies; it never matches, so the history rule cannot see it`, {
      code: 'RESETKIT_UNRECOGNISED_HASH',
    })
  }
}

/**
 * For teams whose users' hashes predate resetkit: new passwords are hashed with argon2id, and
 * verifying (the history rule's "not one of your last N") also checks bcrypt, scrypt and PBKDF2
 * hashes as Django, Werkzeug, passlib and bcrypt libraries write them. Legacy checks run on
 * libuv's thread pool (node:crypto, @node-rs/bcrypt), never on the event loop.
 *
 * @example
 * const hasher = createLegacyAwareHasher()
 * await hasher.verify('pbkdf2_sha256$1000000$salt$…', 'their old password') // true
 */
export function createLegacyAwareHasher(options: LegacyAwareHasherOptions = {}): LegacyAwareHasher {
  const inner = options.hasher ?? createArgon2WorkerHasher()
  const ownsInner = options.hasher === undefined
  const onUnrecognised = options.onUnrecognisedHash ?? warnOncePerScheme()
  const isOwn = options.isOwnHash ?? ((encoded: string) => ARGON2.test(encoded))
  return {
    hash: (password) => inner.hash(password),
    async verify(encoded, password) {
      if (isOwn(encoded)) return inner.verify(encoded, password)
      const legacy = parseLegacyHash(encoded)
      if (legacy === null) {
        onUnrecognised({ scheme: schemeLabel(encoded) })
        return inner.verify(encoded, password)
      }
      return legacy.verify(password)
    },
    isLegacy: (encoded) => !isOwn(encoded) && parseLegacyHash(encoded) !== null,
    close: async () => {
      if (ownsInner) await inner.close?.()
    },
  }
}
