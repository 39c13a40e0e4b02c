// Cold import of @resetkit/core in a fresh process, next to a bare node start, median of 7.
import { execFileSync } from 'node:child_process'
import { median } from './in-turn.js'

const time = (code) =>
  Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url), encoding: 'utf8' }).trim())

const medianOf7 = (code) => median(Array.from({ length: 7 }, () => time(code)))

// What a server does at start-up after the import: create the send use case, which loads the
// phone library (libphonenumber-js and its metadata) so that requests do not.
const CREATE_SEND = `
const { createCapturingOtpSender, createMemoryOtpStore, createMemoryWindowBudget } = await import('@resetkit/adapters-memory')
const createSend = () => createSendOtp({ store: createMemoryOtpStore(), windows: createMemoryWindowBudget(), sender: createCapturingOtpSender(), knownAccountsOnly: { phone_number: false } })`

export function coldImport() {
  const core = medianOf7("const t = performance.now(); await import('@resetkit/core'); console.log(performance.now() - t)")
  const createSend = medianOf7(`const { createSendOtp } = await import('@resetkit/core'); ${CREATE_SEND}; const t = performance.now(); createSend(); console.log(performance.now() - t)`)
  // The first number a request carries, parsed once the use cases exist: it must not pay the load.
  const firstPhone = medianOf7(`const { createSendOtp, normalisePhoneNumber } = await import('@resetkit/core'); ${CREATE_SEND}; createSend(); const t = performance.now(); normalisePhoneNumber('13800000001', 'CN'); console.log(performance.now() - t)`)
  const neverthrow = medianOf7("const t = performance.now(); await import('neverthrow'); console.log(performance.now() - t)")
  return { coreMs: core, createSendMs: createSend, neverthrowMs: neverthrow, firstPhoneMs: firstPhone }
}
