import type { StrengthEstimator } from '@resetkit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from './harness.js'

const estimated: string[] = []
const hashed: string[] = []
const estimator: StrengthEstimator = { estimate: async (password) => (estimated.push(password), 4) }
let harness: Awaited<ReturnType<typeof startHarness>>

beforeAll(async () => {
  harness = await startHarness({
    strength: estimator,
    wrap: (name, port) =>
      name !== 'hasher'
        ? port
        : new Proxy(port, {
            get: (target, key, receiver) => {
              const value = Reflect.get(target, key, receiver) as unknown
              if (typeof value !== 'function') return value
              return (...args: string[]) => {
                hashed.push(...args.filter((arg) => !arg.startsWith('fast-test$')))
                return (value as (...a: string[]) => unknown).apply(target, args)
              }
            },
          }),
  })
})
afterAll(() => harness.close())

describe('oversized passwords', () => {
  it.each([
    [65, 'invalid_new_password'],
    [1024, 'invalid_new_password'],
    [4096, 'invalid_new_password'],
    [4097, 'invalid_request'],
    [15_000, 'invalid_request'],
  ])('%i characters → %s, and neither zxcvbn nor argon2 ever sees it', async (length, error) => {
    const { token, code } = await harness.sendCode()
    const password = 'Aa1!'.repeat(Math.ceil(length / 4)).slice(0, length)
    const response = await harness.reset(token, code, password)
    expect([response.status, (JSON.parse(response.body) as { error: string }).error]).toEqual([400, error])
    expect(estimated).not.toContain(password)
    expect(hashed).not.toContain(password)
  })
})
