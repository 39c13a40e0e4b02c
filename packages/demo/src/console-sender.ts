import type { OtpSender } from '@resetkit/core'
import { printLine } from './print-line.js'

/**
 * "Delivers" codes by printing one line each, in a fixed form scripts can grep:
 * `[dev-otp] to=<email or phone_number> otp=<code>`. A development stand-in only: a real
 * sender must never log codes.
 */
export function createConsoleOtpSender(write: (line: string) => void = printLine): OtpSender {
  return {
    async send({ to, code }) {
      write(`[dev-otp] to=${to} otp=${code}`)
    },
  }
}
