import { describe, expect, it } from 'vitest'
import { createCors, preferredLocale } from '../src/index.js'

describe('createCors', () => {
  it.each(['*', 'https://app.example/', 'https://app.example/path', 'app.example', 'null', 'https://APP.example'])('refuses %j as an origin when configured', (origin) => {
    expect(() => createCors({ origins: [origin] })).toThrow(TypeError)
    expect(() => createCors({ originsByClient: { spa: [origin] } })).toThrow(TypeError)
  })

  it('accepts exact origins, ports included', () => {
    const cors = createCors({ origins: ['http://localhost:5173'] })
    expect(cors.preflight({ origin: 'http://localhost:5173', 'access-control-request-method': 'POST' })?.status).toBe(204)
    expect(cors.preflight({ origin: 'http://localhost:5174', 'access-control-request-method': 'POST' })).toBeUndefined()
  })
})

describe('preferredLocale', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5, zh-Hans;q=0.9', 'zh-Hans'],
    ['*', undefined],
    ['de;q=0, fr', 'fr'],
    ['<script>, en', 'en'],
    [`${'a-'.repeat(200)}en`, undefined],
    [undefined, undefined],
  ])('%j → %j', (header, locale) => {
    expect(preferredLocale(header)).toBe(locale)
  })
})
