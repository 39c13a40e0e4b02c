import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { callPort, createPortCaller, DEFAULT_PORT_TIMEOUT_MS } from '../src/port-call.js'
import { PortUnavailableError } from '../src/unavailable.js'

afterEach(() => {
  vi.useRealTimers()
})

type Outcome =
  | { kind: 'resolve'; value: unknown }
  | { kind: 'reject'; cause: unknown }
  | { kind: 'throw'; cause: unknown }
  | { kind: 'unavailable' }

const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({ kind: fc.constant('resolve' as const), value: fc.anything() }),
  fc.record({ kind: fc.constant('reject' as const), cause: fc.oneof(fc.anything(), fc.constant(new Error('boom'))) }),
  fc.record({ kind: fc.constant('throw' as const), cause: fc.anything() }),
  fc.record({ kind: fc.constant('unavailable' as const) }),
)

describe('a port call becomes a Result, never a rejection', () => {
  it('a value is Ok; a throw or rejection is server_error naming the port with its cause; PortUnavailableError is temporarily_unavailable keeping its cause', async () => {
    await fc.assert(
      fc.asyncProperty(outcome, fc.string({ minLength: 1, maxLength: 20 }), async (given, port) => {
        const unavailable = new PortUnavailableError('db')
        const run = (): Promise<unknown> => {
          if (given.kind === 'resolve') return Promise.resolve(given.value)
          if (given.kind === 'reject') return Promise.reject(given.cause as Error)
          if (given.kind === 'unavailable') return Promise.reject(unavailable)
          throw given.cause
        }
        const result = await callPort(port, run, 1000)
        if (given.kind === 'resolve') {
          expect(result._unsafeUnwrap()).toBe(given.value)
          return
        }
        const error = result._unsafeUnwrapErr()
        if (given.kind === 'unavailable') {
          expect(error).toEqual({ code: 'temporarily_unavailable', description: 'A backing service did not answer in time.', port, cause: unavailable })
        } else {
          expect(error).toEqual({ code: 'server_error', description: 'An internal error occurred.', port, cause: given.cause })
        }
      }),
    )
  })

  it('no answer within the timeout is temporarily_unavailable (without a cause), not earlier', async () => {
    vi.useFakeTimers()
    let settled: unknown
    void callPort('users.findByEmail', () => new Promise(() => {}), 250).then((result) => (settled = result))
    await vi.advanceTimersByTimeAsync(249)
    expect(settled).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect((settled as { _unsafeUnwrapErr(): unknown })._unsafeUnwrapErr()).toEqual({
      code: 'temporarily_unavailable',
      description: 'A backing service did not answer in time.',
      port: 'users.findByEmail',
    })
  })

  it('a port that answers leaves no timer behind (a pending one would hold the process)', async () => {
    vi.useFakeTimers()
    await callPort('x', async () => 1, 60_000)
    await callPort('x', () => Promise.reject(new Error('no')), 60_000)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a rejection that is the string or symbol a timeout might use is still a server_error', async () => {
    const result = await callPort('x', () => Promise.reject(Symbol('timed out') as unknown as Error), 1000)
    expect(result._unsafeUnwrapErr().code).toBe('server_error')
  })
})

describe('the use cases’ port caller', () => {
  it(`times out after ${DEFAULT_PORT_TIMEOUT_MS} ms by default, or after the given time`, async () => {
    vi.useFakeTimers()
    const outcomes: string[] = []
    void createPortCaller()('a', () => new Promise(() => {})).then((r) => outcomes.push(`default:${r._unsafeUnwrapErr().code}`))
    void createPortCaller(500)('b', () => new Promise(() => {})).then((r) => outcomes.push(`500:${r._unsafeUnwrapErr().code}`))
    await vi.advanceTimersByTimeAsync(499)
    expect(outcomes).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(outcomes).toEqual(['500:temporarily_unavailable'])
    await vi.advanceTimersByTimeAsync(DEFAULT_PORT_TIMEOUT_MS - 501)
    expect(outcomes).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(outcomes).toEqual(['500:temporarily_unavailable', 'default:temporarily_unavailable'])
  })

  it('refuses a timeout that is not a positive number', () => {
    for (const bad of [0, -1, Number.NaN]) expect(() => createPortCaller(bad)).toThrow('portTimeoutMs must be a positive number')
    expect(() => createPortCaller(0.5)).not.toThrow()
  })

  it('passes the port name through to its errors', async () => {
    const result = await createPortCaller(1000)('otpStore.consume', () => Promise.reject(new Error('x')))
    expect(result._unsafeUnwrapErr().port).toBe('otpStore.consume')
  })
})
