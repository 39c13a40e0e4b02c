import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { secureEndpoint } from '../src/internal.js'

// Adapters fetch keys, verdicts and deliveries from these URLs: anything that could be read or
// rewritten on the way is refused at start-up.

const host = fc.domain()
const path = fc.webPath()

describe('secureEndpoint', () => {
  it('accepts any https URL, as the URL it names', () => {
    fc.assert(
      fc.property(host, path, (name, rest) => {
        const url = `https://${name}${rest}`
        expect(secureEndpoint('jwksUrl', url).href).toBe(new URL(url).href)
        expect(secureEndpoint('jwksUrl', new URL(url)).href).toBe(new URL(url).href)
      }),
    )
  })

  it('accepts plain http on loopback only', () => {
    for (const loopback of ['localhost', '127.0.0.1', '[::1]']) {
      expect(secureEndpoint('baseUrl', `http://${loopback}:8080/v1`).href).toBe(`http://${loopback}:8080/v1`)
    }
    fc.assert(
      fc.property(host.filter((name) => name !== 'localhost'), path, (name, rest) => {
        expect(() => secureEndpoint('baseUrl', `http://${name}${rest}`)).toThrow(TypeError)
      }),
    )
    for (const near of ['http://127.0.0.2/', 'http://localhost.example/', 'http://[::2]/', 'http://0.0.0.0/']) {
      expect(() => secureEndpoint('baseUrl', near)).toThrow(TypeError)
    }
  })

  it('refuses every other scheme, loopback or not', () => {
    for (const url of ['ftp://localhost/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'data:text/plain,x', 'wss://example.com/']) {
      expect(() => secureEndpoint('baseUrl', url)).toThrow(TypeError)
    }
  })

  // The message names the option to fix and never echoes the URL, which may carry credentials.
  it('says which option to fix, and not what it held', () => {
    fc.assert(
      fc.property(fc.constantFrom('jwksUrl', 'introspectionUrl', 'baseUrl'), host.filter((name) => name !== 'localhost'), (option, name) => {
        const url = `http://user:hunter2@${name}/`
        expect(() => secureEndpoint(option, url)).toThrow(`${option} must be an https:// URL (plain http is allowed on loopback only)`)
        try {
          secureEndpoint(option, url)
        } catch (error) {
          expect(String(error)).not.toContain('hunter2')
        }
      }),
    )
  })
})
