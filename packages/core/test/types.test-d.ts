// Compiled by `pnpm test` (tsc -p tsconfig.test.json), never run: each @ts-expect-error must stay an error.
import type { ErrorCode, ResetPasswordCommand, ResetPasswordError } from '../src/index.js'

const both: ResetPasswordCommand = {
  clientId: 'c',
  password: 'p',
  // @ts-expect-error a command carries exactly one channel: an identifier is email OR phone_number
  identifier: { channel: 'email', value: 'a@b.co', phoneNumber: '+8613800000001' },
  otpToken: 't',
  otp: '1',
}
void both

// @ts-expect-error the channel is one of two literals
const sms: ResetPasswordCommand['identifier'] = { channel: 'sms', value: '+8613800000001' }
void sms

// Every error code is handled: adding a code to the union without a wire mapping breaks this.
const exhaustive = (error: ResetPasswordError): string => {
  switch (error.code) {
    // @ts-expect-error the use cases never produce invalid_request: only the parser in @resetkit/http does
    case 'invalid_request':
      return 'unreachable'
    case 'invalid_new_password':
      return error.violations.map((violation) => violation.rule).join()
    case 'recurrent_password':
    case 'user_not_found':
    case 'abnormal_user_status':
    case 'bad_email_otp_token':
    case 'bad_phone_number_otp_token':
    case 'bad_email_otp':
    case 'bad_phone_number_otp':
      return error.description
    case 'too_many_requests':
      return String(error.retryAfterSeconds)
    case 'server_error':
    case 'temporarily_unavailable':
      return error.port
    default: {
      const unreachable: never = error
      return unreachable
    }
  }
}
void exhaustive

// @ts-expect-error not a wire code
const made_up: ErrorCode = 'password_too_weak'
void made_up
