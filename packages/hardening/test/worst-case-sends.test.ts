import { createCapturingOtpSender, createControllableClock, createMemoryOtpStore, createMemoryUserStore, createMemoryWindowBudget } from '@resetkit/adapters-memory'
import { createSendOtp, sendWorstCase, type Identifier, type OtpDelivery, type OtpUsage, type UserSeed } from '@resetkit/core'
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

// Every figure of the README's worst-case table, reached by an attacker driving the send path
// with the library's defaults (limits, budgets, regions, SMS to known accounts only) and shown
// to be the most it can reach. The attacker's best case for SMS is that every number it names
// is an account, so every number here is one.
const HOUR = 3_600_000
const DAY = 24 * HOUR
const WORST = sendWorstCase()
const USAGES: readonly OtpUsage[] = ['reset_password', 'login', 'signup', 'update_userinfo']
const CLIENTS = ['web', 'spa', 'native']

const cnNumber = (i: number) => `+86138${String(i).padStart(8, '0')}`
const network = (i: number) => `ip:10.${(i >> 8) & 255}.${i & 255}.0/24`

function world(accounts: number) {
  const clock = createControllableClock()
  const deliveredAt: Array<OtpDelivery & { at: number }> = []
  const capture = createCapturingOtpSender()
  const seeds: UserSeed[] = Array.from({ length: accounts }, (_, i) => ({ id: `u${i}`, email: `u${i}@example.com`, phoneNumber: cnNumber(i), status: 'active', names: [], passwordHash: null, passwordHistory: [] }))
  const sendOtp = createSendOtp({
    store: createMemoryOtpStore(),
    windows: createMemoryWindowBudget(),
    users: createMemoryUserStore(seeds),
    clock,
    sender: {
      send: async (delivery) => {
        await capture.send(delivery)
        deliveredAt.push({ ...delivery, at: clock.now() })
      },
    },
  })
  const send = async (clientId: string, usage: OtpUsage, identifier: Identifier, from: string) => {
    const outcome = await sendOtp({ clientId, usage, identifier, source: { ip: '10.0.0.1', network: from } })
    await sendOtp.idle()
    return outcome
  }
  return { clock, send, deliveredAt }
}

/** The most deliveries in any rolling window of `ms`. */
const mostIn = (times: readonly number[], ms: number): number => {
  let most = 0
  for (const [i, start] of times.entries()) most = Math.max(most, times.slice(i).filter((at) => at < start + ms).length)
  return most
}

describe('the worst case the defaults allow, reached', () => {
  it(`one victim: every client and usage, a fresh network per send, once a minute for a day → ${WORST.perVictim.hour} an hour, ${WORST.perVictim.day} a day`, async () => {
    for (const channel of ['phone_number', 'email'] as const) {
      const { clock, send, deliveredAt } = world(1)
      const victim: Identifier = channel === 'email' ? { channel, value: 'u0@example.com' } : { channel, value: cnNumber(0) }
      let sends = 0
      for (let minute = 0; minute < 24 * 60; minute++, clock.advance(60_000)) {
        for (const clientId of CLIENTS) for (const usage of USAGES) await send(clientId, usage, victim, network(sends++))
      }
      const times = deliveredAt.map((delivery) => delivery.at)
      expect([mostIn(times, HOUR), times.length]).toEqual([WORST.perVictim.hour, WORST.perVictim.day])
    }
  })

  it(`one network: a different victim each minute for a day → ${WORST.perNetwork.hour} an hour, ${WORST.perNetwork.day} a day`, async () => {
    const { clock, send, deliveredAt } = world(24 * 60)
    for (let minute = 0; minute < 24 * 60; minute++, clock.advance(60_000)) await send('web', 'reset_password', { channel: 'phone_number', value: cnNumber(minute) }, 'ip:203.0.113.0/24')
    const times = deliveredAt.map((delivery) => delivery.at)
    expect([mostIn(times, HOUR), times.length]).toEqual([WORST.perNetwork.hour, WORST.perNetwork.day])
  })

  it(`one client, SMS: fresh numbers and networks, as fast as it can, then again all day → ${WORST.perClient.phone_number.hour} in the first hour and no more that day`, async () => {
    const { clock, send, deliveredAt } = world(700)
    for (let i = 0; i < 600; i++) await send('web', 'reset_password', { channel: 'phone_number', value: cnNumber(i) }, network(i))
    expect(deliveredAt).toHaveLength(WORST.perClient.phone_number.hour)
    clock.advance(DAY - HOUR)
    for (let i = 600; i < 700; i++) await send('web', 'reset_password', { channel: 'phone_number', value: cnNumber(i) }, network(i))
    expect(deliveredAt).toHaveLength(WORST.perClient.phone_number.day)
  })

  it(`a region, and in total: every client, fresh numbers and networks → ${WORST.perRegion.hour} SMS into ${WORST.perRegion.regions.join(', ')}, none elsewhere; ${WORST.total.email.day} emails`, async () => {
    const { send, deliveredAt } = world(1_200)
    for (let i = 0; i < 1_200; i++) await send(CLIENTS[i % 3] ?? 'web', 'reset_password', { channel: 'phone_number', value: cnNumber(i) }, network(i))
    for (let i = 0; i < 50; i++) await send('web', 'reset_password', { channel: 'phone_number', value: `+4479111${String(i).padStart(5, '0')}` }, network(5_000 + i))
    expect(deliveredAt.filter((delivery) => delivery.to.startsWith('+86'))).toHaveLength(WORST.perRegion.day)
    expect(deliveredAt.filter((delivery) => !delivery.to.startsWith('+86'))).toHaveLength(0)
    for (let i = 0; i < 12_000; i++) await send(CLIENTS[i % 3] ?? 'web', 'reset_password', { channel: 'email', value: `victim${i}@example.com` }, network(10_000 + i))
    expect(deliveredAt.filter((delivery) => delivery.channel === 'email')).toHaveLength(WORST.total.email.day)
    expect(deliveredAt).toHaveLength(WORST.total.all.day)
  })

  it('the README states these figures as `node scripts/worst-case-sends.mjs` renders them', () => {
    expect(() => execFileSync(process.execPath, [new URL('../../../scripts/worst-case-sends.mjs', import.meta.url).pathname, '--check'], { stdio: 'pipe' })).not.toThrow()
  })
})
