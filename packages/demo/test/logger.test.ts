import fc from 'fast-check'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { censorSecrets, createDemoLogger } from '../src/logger.js'

const SECRET_KEYS = ['password', 'email_otp', 'phone_number_otp', 'email_otp_token', 'phone_number_otp_token', 'otp_token', 'client_secret', 'authorization']
// Secret values carry a marker no other generated value has, so "not in the line" is exact.
const secretValue = fc.string({ minLength: 1, maxLength: 12 }).map((text) => `ǂ${text}`)
const plainValue = fc.oneof(fc.string().filter((text) => !text.includes('ǂ')), fc.integer(), fc.boolean(), fc.constant(null))
const plainKey = fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !SECRET_KEYS.includes(key) && key !== '__proto__')
const levelOf = (inner: fc.Arbitrary<unknown>) =>
  fc.tuple(fc.dictionary(plainKey, inner, { maxKeys: 4 }), fc.subarray(SECRET_KEYS), fc.array(secretValue, { minLength: 8, maxLength: 8 })).map(([plain, secrets, values]) => ({
    ...plain,
    ...Object.fromEntries(secrets.map((key, i) => [key, values[i]])),
  }))
const record = levelOf(fc.oneof(plainValue, levelOf(plainValue)))

function captureLines() {
  const lines: string[] = []
  const logger = createDemoLogger(new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }))
  return { logger, lines }
}

describe('the demo logger', () => {
  it('redacts the wire contract’s secret fields, at the top level and one level down, as a second line of defence', () => {
    const { logger, lines } = captureLines()
    logger.info({ password: 'hunter2-secret', body: { email_otp: '123456', client_secret: 's3cret-value' }, code: 'bad_email_otp' }, 'request')
    const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>
    expect(line).toMatchObject({ password: '[redacted]', body: { email_otp: '[redacted]', client_secret: '[redacted]' }, code: 'bad_email_otp' })
  })

  it('for any record, no secret field’s value at the top level or one level down reaches the line, and every other field does', () => {
    fc.assert(
      fc.property(record, (fields) => {
        const { logger, lines } = captureLines()
        logger.info(fields, 'record')
        expect(lines.join('')).not.toContain('ǂ')
        const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>
        for (const [key, value] of Object.entries(fields)) {
          if (SECRET_KEYS.includes(key)) expect(line[key]).toBe('[redacted]')
          else if (typeof value !== 'object' || value === null) expect(line[key]).toEqual(value)
        }
      }),
    )
  })

  it('censors a secret an Error carries as its own field, and keeps the Error’s message and stack', () => {
    const error = Object.assign(new Error('store unreachable'), { password: 'hunter2-secret' })
    const censored = censorSecrets({ err: error })
    expect(censored['err']).toBeInstanceOf(Error)
    expect(censored['err']).toMatchObject({ message: 'store unreachable', password: '[redacted]', stack: error.stack })
    expect(error.password).toBe('hunter2-secret')
    const { logger, lines } = captureLines()
    logger.error({ err: error }, 'failed')
    expect(lines.join('')).not.toContain('hunter2-secret')
    expect(lines.join('')).toContain('store unreachable')
  })

  it('censoring never changes the caller’s object, and returns a record without secrets as it is, uncopied', () => {
    fc.assert(
      fc.property(record, (fields) => {
        const before = structuredClone(fields)
        const censored = censorSecrets(fields)
        expect(fields).toEqual(before)
        expect(censored === fields).toBe(!JSON.stringify(fields).includes('ǂ'))
      }),
    )
  })
})
