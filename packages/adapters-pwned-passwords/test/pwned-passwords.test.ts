import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPwnedPasswordsChecker } from '../src/index.js'
import { startRangeServer, type RangeServer } from '../src/testing/range-server.js'

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex').toUpperCase()
const hexSuffix = fc.stringMatching(/^[0-9A-F]{35}$/)
const line = (suffix: string, count: number): string => `${suffix}:${count}`

let server: RangeServer
beforeAll(async () => {
  server = await startRangeServer()
})
afterAll(() => server.close())

const checker = (options: Parameters<typeof createPwnedPasswordsChecker>[0] = {}) =>
  createPwnedPasswordsChecker({ baseUrl: server.url, timeoutMs: 300, ...options })

describe('Pwned Passwords range adapter', () => {
  it('for any password, only the first 5 hex characters of its SHA-1 leave the process, with padding asked for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }), async (password) => {
        server.respond({ kind: 'lines', lines: [line('0'.repeat(35), 1)] })
        const before = server.requests.length
        await checker().isBreached(password)
        const [request] = server.requests.slice(before)
        const hash = sha1(password)
        expect(request?.url).toBe(`/range/${hash.slice(0, 5)}`)
        expect(request?.headers['add-padding']).toBe('true')
        const wire = JSON.stringify(request)
        expect(wire).not.toContain(hash.slice(5, 15))
        if (password.length >= 4) expect(wire).not.toContain(JSON.stringify(password).slice(1, -1))
      }),
      { numRuns: 100 },
    )
  })

  it('for any range body, a password is breached exactly when its suffix is listed with a count ≥ minOccurrences (padding lines have count 0)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 32 }),
        fc.array(fc.tuple(hexSuffix, fc.nat({ max: 5000 })), { maxLength: 30 }),
        fc.option(fc.nat({ max: 3 }), { nil: undefined }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('\n', '\r\n') as fc.Arbitrary<'\n' | '\r\n'>,
        fc.boolean(),
        async (password, others, ownCount, minOccurrences, eol, lowerCase) => {
          const suffix = sha1(password).slice(5)
          const entries = others.filter(([other]) => other !== suffix)
          if (ownCount !== undefined) entries.splice(entries.length >> 1, 0, [suffix, ownCount])
          const lines = entries.map(([entry, count]) => line(lowerCase ? entry.toLowerCase() : entry, count))
          if (lines.length === 0) lines.push(line('F'.repeat(35), 0)) // a real range is never empty
          server.respond({ kind: 'lines', lines, eol })
          expect(await checker({ minOccurrences }).isBreached(password)).toBe(ownCount !== undefined && ownCount >= minOccurrences)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('a known breached password (SHA-1 prefix 5BAA6, "password") is found', async () => {
    server.respond({ kind: 'lines', lines: [line('1E4C9B93F3F0682250B6CF8331B7EE68FD8', 9_545_824), line('1E4C9B93F3F0682250B6CF8331B7EE68FD9', 0)] })
    expect(await checker().isBreached('password')).toBe(true)
    expect(server.requests.at(-1)?.url).toBe('/range/5BAA6')
  })

  it.each([
    ['a 5xx', { kind: 'status', status: 503 }],
    ['a 429', { kind: 'status', status: 429 }],
    ['a 404', { kind: 'status', status: 404 }],
    ['headers slower than the time-out', { kind: 'slow_headers', delayMs: 2_000 }],
    ['a body slower than the time-out', { kind: 'slow_body', delayMs: 2_000 }],
    ['an HTML page', { kind: 'raw', body: '<html><body>captive portal</body></html>' }],
    ['a truncated line', { kind: 'raw', body: '0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n00D4F6E8FA6E' }],
    ['a line without a count', { kind: 'raw', body: '0018A45C4D1DEF81644B54AB7F969B88D65' }],
    ['an empty body', { kind: 'raw', body: '' }],
    ['a body over the size cap', { kind: 'bytes', size: 2 * 1024 * 1024 }],
  ] as const)('%s rejects, so the use case applies fail-open or fail-closed', async (_name, behaviour) => {
    server.respond(behaviour)
    await expect(checker().isBreached('Some-Password-1')).rejects.toThrow()
  })

  it('a server that is not there rejects', async () => {
    await expect(createPwnedPasswordsChecker({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 300 }).isBreached('x')).rejects.toThrow()
  })

  it('refuses nonsense options at construction', () => {
    expect(() => createPwnedPasswordsChecker({ minOccurrences: 0 })).toThrow(TypeError)
    expect(() => createPwnedPasswordsChecker({ timeoutMs: 0 })).toThrow(TypeError)
  })
})
