import type { Identifier, UserRecord, UserSeed, UserStore } from '@resetkit/core'

export interface MemoryUserStore extends UserStore {
  /** Adds or replaces a user (tests, demos, seeding). */
  put(user: UserSeed): void
  /** A copy of the stored user, or null. */
  get(userId: string): UserRecord | null
}

// Every record is built in this one literal shape, whether seeded or changed: copies made by
// spreading the record took their shape from its source, so a user's first change made records
// of a new hidden class, and V8 deoptimised the store's lookups the first time it met one.
const copy = (user: UserRecord): UserRecord =>
  Object.freeze({
    id: user.id,
    email: user.email,
    phoneNumber: user.phoneNumber,
    status: user.status,
    names: [...user.names],
    passwordHash: user.passwordHash,
    passwordHistory: [...user.passwordHistory],
    version: user.version,
  })

/**
 * Users in a Map. Each method reads and writes without awaiting in between, which makes it as
 * atomic as a database transaction: no other call can interleave.
 */
export function createMemoryUserStore(seeds: readonly UserSeed[] = []): MemoryUserStore {
  const users = new Map<string, UserRecord>()
  const put = (user: UserSeed): void => {
    users.set(user.id, copy({ ...user, version: (users.get(user.id)?.version ?? 0) + 1 }))
  }
  seeds.forEach(put)

  const matches = (user: UserRecord, identifier: Identifier): boolean =>
    identifier.channel === 'email' ? user.email === identifier.value : user.phoneNumber === identifier.value

  return {
    put,
    get: (userId) => {
      const user = users.get(userId)
      return user === undefined ? null : copy(user)
    },
    async findById(userId) {
      const user = users.get(userId)
      return user === undefined ? null : copy(user)
    },
    async findByIdentifier(identifier) {
      for (const user of users.values()) if (matches(user, identifier)) return copy(user)
      return null
    },
    async changePassword({ userId, expectedVersion, newHash, historyLimit }) {
      const user = users.get(userId)
      if (user === undefined || user.version !== expectedVersion) return 'conflict'
      const previous = user.passwordHash === null ? [] : [user.passwordHash]
      users.set(userId, copy({
        ...user,
        passwordHash: newHash,
        passwordHistory: [...previous, ...user.passwordHistory].slice(0, historyLimit),
        version: user.version + 1,
      }))
      return 'changed'
    },
  }
}
