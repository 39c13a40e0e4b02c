import fc from 'fast-check'
import { errAsync, okAsync, type ResultAsync } from 'neverthrow'
import { describe, expect, it } from 'vitest'
import { mapErrAsync, orElseAsync } from '../src/internal.js'

// The cheap forms must be neverthrow's mapErr and orElse in everything but their cost.
const settled = fc.oneof(
  fc.anything().map((value) => ({ ok: true as const, value })),
  fc.anything().map((value) => ({ ok: false as const, value })),
)
const resultOf = (given: { ok: boolean; value: unknown }): ResultAsync<unknown, unknown> => (given.ok ? okAsync(given.value) : errAsync(given.value))
const mapError = (error: unknown) => ({ mapped: error })

describe('mapErrAsync', () => {
  it('settles as ResultAsync.mapErr does, for any ok or error', async () => {
    await fc.assert(
      fc.asyncProperty(settled, async (given) => {
        expect(await mapErrAsync(resultOf(given), mapError)).toEqual(await resultOf(given).mapErr(mapError))
      }),
    )
  })

  it('calls the mapping only for an error', async () => {
    let calls = 0
    await mapErrAsync(okAsync(1), () => calls++)
    expect(calls).toBe(0)
    await mapErrAsync(errAsync(1), () => calls++)
    expect(calls).toBe(1)
  })

  it('rejects when the mapping throws, as mapErr does', async () => {
    const boom = new Error('boom')
    const thrower = (): never => {
      throw boom
    }
    await expect(mapErrAsync(errAsync(1), thrower)).rejects.toBe(boom)
    await expect(errAsync(1).mapErr(thrower)).rejects.toBe(boom)
  })
})

describe('orElseAsync', () => {
  it('settles as ResultAsync.orElse does, for any ok or error and any recovery', async () => {
    await fc.assert(
      fc.asyncProperty(settled, settled, async (given, recovery) => {
        const recover = () => resultOf(recovery)
        expect(await orElseAsync(resultOf(given), recover)).toEqual(await resultOf(given).orElse(recover))
      }),
    )
  })

  it('calls the recovery only for an error, with that error', async () => {
    const seen: unknown[] = []
    await orElseAsync(okAsync<number, string>(1), (error) => (seen.push(error), okAsync(2)))
    await orElseAsync(errAsync<number, string>('first'), (error) => (seen.push(error), okAsync(2)))
    expect(seen).toEqual(['first'])
  })
})
