import type { ChangePasswordError, ResetPasswordError, SendOtpError } from '@resetkit/core'
import type { InvalidRequestError } from './parse/invalid-request.js'
import type { MalformedIdentifierError } from './parse/send-otp-command.js'
import { statusOf, type WireError } from './http-errors.js'
import type { HttpResponse } from './http-types.js'

// Responses carry credentials-derived state: never cache them (RFC 6749 §5.1 asks the same).
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }
const NO_STORE_JSON = { ...NO_STORE, 'content-type': 'application/json;charset=UTF-8' }

// Each response gets its own headers object, copied with one spread and nothing after it: on
// Node 20's V8, fields added after a leading spread give every object a hidden class of its own.
export function okResponse(body?: Record<string, unknown>): HttpResponse {
  if (body === undefined) return { status: 200, headers: { ...NO_STORE }, body: '' }
  return { status: 200, headers: { ...NO_STORE_JSON }, body: JSON.stringify(body) }
}

export function errorResponse(error: WireError): HttpResponse {
  const body = {
    error: error.code,
    // Stryker disable next-line ConditionalExpression: JSON.stringify leaves out an undefined member, so the body is the same
    ...(error.description === undefined ? {} : { error_description: error.description }),
    ...error.extra,
  }
  return { status: statusOf(error.code), headers: Object.assign({}, NO_STORE_JSON, error.headers), body: JSON.stringify(body) }
}

const SEND_FAILED = 'Failed to send OTP. Please try again later.'

/**
 * A use-case error as it goes on the wire. Server-side failures get a fixed text: the cause,
 * the port name and any stack stay in the process.
 */
export function fromUseCaseError(error: ResetPasswordError | SendOtpError | ChangePasswordError | InvalidRequestError | MalformedIdentifierError): WireError {
  switch (error.code) {
    case 'server_error':
      return { code: 'server_error', serverError: error }
    case 'temporarily_unavailable':
      return {
        code: 'temporarily_unavailable',
        // The CIAM's fixed text when a code could not be delivered; any other outage has none.
        ...(error.port === 'otp.send' ? { description: SEND_FAILED } : {}),
        headers: { 'retry-after': '5' },
        serverError: error,
      }
    case 'too_many_requests':
      return {
        code: 'too_many_requests',
        description: error.description,
        headers: { 'retry-after': String(error.retryAfterSeconds) },
      }
    case 'invalid_new_password':
      return {
        code: error.code,
        description: error.description,
        extra: { violations: error.violations.map(({ rule, params, message }) => ({ rule, params, message })) },
      }
    case 'insufficient_sms_quota':
    case 'insufficient_email_quota':
    case 'invalid_email':
    case 'malformed_phone_number':
    case 'sms_rate_limit_exceeded':
      return {
        code: error.code,
        description: error.description,
        ...('retryAfterSeconds' in error && error.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(error.retryAfterSeconds) } } : {}),
      }
    case 'abnormal_user_status':
    case 'malformed_email':
    case 'human_check_failed':
      return { code: error.code, description: error.description }
    case 'invalid_request':
      return { code: error.code, description: error.description, extra: { field: error.field } }
    default:
      // The CIAM contract sends the OTP and user errors with no description.
      return { code: error.code }
  }
}
