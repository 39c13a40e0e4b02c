import { createCapturingOtpSender, createMemoryOtpStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { describe, expect, it } from 'vitest'
import { phoneLibraryLoaded } from '../src/phone-library.js'

// In order: this file's modules are its own (vitest isolates test files), so the first test sees
// core freshly imported.
describe('when core loads libphonenumber', () => {
  it('not when core is imported: an import stays cheap', async () => {
    await import('../src/index.js')
    await import('../src/internal.js')
    expect(phoneLibraryLoaded()).toBe(false)
  })

  it('when a send use case is created, so its first phone-number request does not wait for it', async () => {
    const { createSendOtp } = await import('../src/index.js')
    createSendOtp({ store: createMemoryOtpStore(), windows: createMemoryWindowBudget(), sender: createCapturingOtpSender(), knownAccountsOnly: { phone_number: false } })
    expect(phoneLibraryLoaded()).toBe(true)
  })
})
