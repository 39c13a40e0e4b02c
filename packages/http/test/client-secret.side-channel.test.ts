import { createMemoryClientRegistry } from '@resetkit/adapters-memory'
import { sha256Hex } from '@resetkit/core/internal'
import { describe, expect, it, vi } from 'vitest'

vi.mock('@resetkit/core/internal', async (importOriginal) => {
  const original = await importOriginal<typeof import('@resetkit/core/internal')>()
  return { ...original, digestsEqual: vi.fn((a: string, b: string) => original.digestsEqual(a, b)) }
})

const core = await import('@resetkit/core/internal')
const { authenticateClient } = await import('../src/authenticate-client.js')
const { createWireCaller } = await import('../src/wire-call.js')

describe('client secrets', () => {
  it('are checked by comparing SHA-256 digests with the constant-time helper', async () => {
    const clients = createMemoryClientRegistry([{ id: 'web', type: 'web', secret: 's3cret' }])
    const call = createWireCaller()
    const wrong = await authenticateClient({ clients }, call, { method: 'secret', clientId: 'web', clientSecret: 'guess', via: 'basic' })
    expect(wrong.isErr()).toBe(true)
    const right = await authenticateClient({ clients }, call, { method: 'secret', clientId: 'web', clientSecret: 's3cret', via: 'basic' })
    expect(right._unsafeUnwrap()).toBe('web')
    expect(vi.mocked(core.digestsEqual).mock.calls).toEqual([
      [sha256Hex('guess'), sha256Hex('s3cret')],
      [sha256Hex('s3cret'), sha256Hex('s3cret')],
    ])
  })
})
