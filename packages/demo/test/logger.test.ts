import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createDemoLogger } from '../src/logger.js'

describe('the demo logger', () => {
  it('redacts the wire contract’s secret fields, at the top level and one level down, as a second line of defence', () => {
    let written = ''
    const logger = createDemoLogger(new Writable({ write: (chunk: Buffer, _encoding, done) => ((written += chunk.toString()), done()) }))
    logger.info({ password: 'hunter2-secret', body: { email_otp: '123456', client_secret: 's3cret-value' }, code: 'bad_email_otp' }, 'request')
    const line = JSON.parse(written) as Record<string, unknown>
    expect(line).toMatchObject({ password: '[redacted]', body: { email_otp: '[redacted]', client_secret: '[redacted]' }, code: 'bad_email_otp' })
  })
})
