import { pino, type DestinationStream, type Logger } from 'pino'

// The request fields that carry secrets, as the wire contract names them.
const REDACTED_KEYS = ['password', 'email_otp', 'phone_number_otp', 'email_otp_token', 'phone_number_otp_token', 'otp_token', 'client_secret', 'authorization']

/**
 * The demo's structured log: one JSON line per record on stdout. Nothing resetkit hands it
 * carries a secret; the redaction is a second line of defence for fields a host might add.
 */
export function createDemoLogger(destination?: DestinationStream): Logger {
  const options = {
    base: { service: 'resetkit-demo' },
    redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
  }
  return destination === undefined ? pino(options) : pino(options, destination)
}

