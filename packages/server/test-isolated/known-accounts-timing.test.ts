import { createMemoryStores } from '@resetkit/adapters-memory'
import { createResetkitHttp, type HttpRequest } from '@resetkit/http'
import { createFastTestHasher } from '@resetkit/testing'
import { basicAuth } from '@resetkit/testing/http'
import { afterAll, describe, expect, it } from 'vitest'
import { createResetkit } from '../src/index.js'

const PAIRS = 250
const WARM_UP = 40
// A provider that takes 20 ms: on the request path for known accounts only, it would show as
// a 20 ms gap; the bounds below are a two-hundredth and an eightieth of that.
const PROVIDER_MS = 20
const MEDIAN_BOUND_MS = 0.1
const P90_BOUND_MS = 0.25

const WEB = { id: 'web', type: 'web', secret: 'web-secret' } as const
const known = (i: number) => `+86138${String(i).padStart(8, '0')}`
const unknown = (i: number) => `+86139${String(i).padStart(8, '0')}`

const users = Array.from({ length: PAIRS + WARM_UP }, (_, i) => ({
  id: `u${i}`,
  email: null,
  phoneNumber: known(i),
  status: 'active' as const,
  names: [],
  passwordHash: null,
  passwordHistory: [],
}))
let delivered = 0
const resetkit = createResetkit({
  ...createMemoryStores({ users }),
  clients: [WEB],
  sender: {
    send: () =>
      new Promise((resolve) => {
        delivered++
        setTimeout(resolve, PROVIDER_MS)
      }),
  },
  hasher: createFastTestHasher(),
  policy: { strength: false },
  rateLimit: false,
  // Budgets on (their windows are part of the path being timed), sized for this many sends.
  otp: { deliveryBudgets: { perClientPerDay: { phone_number: 10_000 }, globalPerDay: { phone_number: 10_000 } } },
})
afterAll(() => resetkit.close())
const http = createResetkitHttp(resetkit)

const sendRequest = (phoneNumber: string): HttpRequest => ({
  method: 'POST',
  path: '/otp/send',
  headers: { authorization: basicAuth(WEB.id, WEB.secret), 'content-type': 'application/json' },
  body: { kind: 'text', text: JSON.stringify({ usage: 'reset_password', phone_number: phoneNumber }) },
})

async function timed(phoneNumber: string): Promise<number> {
  const started = performance.now()
  const response = await http(sendRequest(phoneNumber))
  const elapsed = performance.now() - started
  expect([response.status, response.body]).toEqual([200, expect.any(String)])
  return elapsed
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

describe('known accounts only, timed', () => {
  it(`${2 * PAIRS} interleaved sends: known and unknown numbers answer alike (median within ${MEDIAN_BOUND_MS} ms, p90 within ${P90_BOUND_MS} ms)`, async () => {
    for (let i = 0; i < WARM_UP; i++) {
      await timed(known(PAIRS + i))
      await timed(unknown(PAIRS + i))
    }
    const times = { known: [] as number[], unknown: [] as number[] }
    for (let i = 0; i < PAIRS; i++) {
      // Alternate who goes first, so neither side always follows the other's background work.
      if (i % 2 === 0) {
        times.known.push(await timed(known(i)))
        times.unknown.push(await timed(unknown(i)))
      } else {
        times.unknown.push(await timed(unknown(i)))
        times.known.push(await timed(known(i)))
      }
    }
    await resetkit.sendOtp.idle()
    const figures = {
      median: [quantile(times.known, 0.5), quantile(times.unknown, 0.5)],
      p90: [quantile(times.known, 0.9), quantile(times.unknown, 0.9)],
    }
    // The figures, for the record (the closing note quotes a run).
    console.info(`known-accounts-only timing (known, unknown) ms: median ${figures.median.map((v) => v.toFixed(3)).join(', ')}; p90 ${figures.p90.map((v) => v.toFixed(3)).join(', ')}`)
    expect(Math.abs((figures.median[0] ?? 0) - (figures.median[1] ?? 0))).toBeLessThan(MEDIAN_BOUND_MS)
    expect(Math.abs((figures.p90[0] ?? 0) - (figures.p90[1] ?? 0))).toBeLessThan(P90_BOUND_MS)
    // The provider's time is nowhere on the request path, and only known numbers got a code.
    expect(figures.median[0]).toBeLessThan(PROVIDER_MS / 4)
    expect(delivered).toBe(PAIRS + WARM_UP)
  })
})
