import { describe, expect, it } from 'vitest'
import { createCors } from '../src/index.js'

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
