import type { UserSeed } from '@resetkit/core'
import { createMemoryOtpStore, type MemoryOtpStore } from './otp-store.js'
import { createMemoryUserStore, type MemoryUserStore } from './user-store.js'
import { createMemoryWindowBudget, type MemoryWindowBudget } from './window-budget.js'

export interface MemoryStores {
  readonly users: MemoryUserStore
  readonly otpStore: MemoryOtpStore
  readonly windows: MemoryWindowBudget
}

/** The three stores a reset needs, in memory, named as `createResetkit` takes them. One process only. */
export function createMemoryStores({ users = [] }: { readonly users?: readonly UserSeed[] } = {}): MemoryStores {
  return { users: createMemoryUserStore(users), otpStore: createMemoryOtpStore(), windows: createMemoryWindowBudget() }
}
