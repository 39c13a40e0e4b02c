import { RateLimiterMemory } from 'rate-limiter-flexible'
import { describe, expect, it } from 'vitest'
import { createDefaultRateLimits, createMemoryRateLimiter, fromRateLimiterFlexible } from '../src/index.js'

const consumeTimes = async (limiter: { consume(key: string): Promise<{ allowed: boolean }> }, key: string, times: number) => {
  const decisions = []
  for (let i = 0; i < times; i++) decisions.push((await limiter.consume(key)).allowed)
  return decisions
}

describe('rate limits', () => {
  it('the defaults: 60 a minute per IP and 20 per 15 minutes per identifier, each key on its own', async () => {
    const { perIp, perIdentifier } = createDefaultRateLimits()
    if (perIp === undefined || perIdentifier === undefined) throw new Error('both limits are on by default')
    expect(await consumeTimes(perIp, 'ip:203.0.113.7', 61)).toEqual([...Array(60).fill(true), false])
    expect(await consumeTimes(perIp, 'ip:203.0.113.8', 1)).toEqual([true])
    expect(await consumeTimes(perIdentifier, 'email:alice@example.com', 21)).toEqual([...Array(20).fill(true), false])
    const refusal = await perIdentifier.consume('email:alice@example.com')
    expect(refusal.allowed).toBe(false)
    if (!refusal.allowed) expect(refusal.retryAfterMs).toBeGreaterThan(899_000)
    const ipRefusal = await perIp.consume('ip:203.0.113.7')
    if (ipRefusal.allowed) throw new Error('over budget')
    expect(ipRefusal.retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  it('a memory limiter counts its limit per window', async () => {
    const limiter = createMemoryRateLimiter({ limit: 3, windowSeconds: 10 })
    expect(await consumeTimes(limiter, 'k', 4)).toEqual([true, true, true, false])
  })

  it('a store failure is a rejection for the port caller, not a refusal', async () => {
    const broken = fromRateLimiterFlexible({ consume: () => Promise.reject(new Error('redis down')) })
    await expect(broken.consume('k')).rejects.toThrow('redis down')
    const real = fromRateLimiterFlexible(new RateLimiterMemory({ points: 1, duration: 60 }))
    expect(await consumeTimes(real, 'k', 2)).toEqual([true, false])
  })
})
