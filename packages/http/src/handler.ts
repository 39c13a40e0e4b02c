import {
  parseResetPasswordCommand,
  parseSendOtpCommand,
  type ParseOptions,
  type ResetPassword,
  type SendOtp,
  type ServerError,
} from '@resetkit/core'
import { errAsync, ResultAsync } from 'neverthrow'
import { authenticateClient, type ClientAuthDeps } from './authenticate-client.js'
import { presentedCredentials } from './client-credentials.js'
import { wireError, type WireError } from './http-errors.js'
import type { HttpRequest, HttpResponse } from './http-types.js'
import { readJsonObject } from './read-json-body.js'
import { errorResponse, fromUseCaseError, okResponse } from './responses.js'

/** The default body limit: the largest legitimate body is a few hundred bytes. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024

export const ROUTES = { sendOtp: '/otp/send', resetPassword: '/reset_user_password' } as const

export interface ResetkitHttpDeps extends ClientAuthDeps {
  readonly sendOtp: SendOtp
  readonly resetPassword: ResetPassword
  readonly parse?: ParseOptions
  /**
   * Called with every server-side failure (its port and cause) so the host can log it; the
   * client only ever sees `{"error":"server_error"}`. Never receives passwords or codes.
   */
  readonly onServerError?: (error: ServerError) => void
}

export type ResetkitHttp = (request: HttpRequest) => Promise<HttpResponse>

const isRoute = (path: string): boolean => path === ROUTES.sendOtp || path === ROUTES.resetPassword

/**
 * The whole wire contract as one function from a transport-neutral request to a response.
 * Transports (Express, fetch) only translate to and from it.
 */
export function createResetkitHttp(deps: ResetkitHttpDeps): ResetkitHttp {
  const authenticated = (request: HttpRequest) =>
    readJsonObject(request.headers, request.body)
      .andThen((body) => presentedCredentials(request.headers, body).map((credentials) => ({ body, credentials })))
      .asyncAndThen(({ body, credentials }) => authenticateClient(deps, credentials).map((clientId) => ({ body, clientId })))

  const sendOtp = (request: HttpRequest): ResultAsync<HttpResponse, WireError> =>
    authenticated(request).andThen(({ body, clientId }) =>
      parseSendOtpCommand(body, clientId, deps.parse)
        .mapErr(fromUseCaseError)
        .asyncAndThen((command) => deps.sendOtp(command).mapErr(fromUseCaseError))
        .map(({ otpToken }) => okResponse({ otp_token: otpToken })),
    )

  const resetPassword = (request: HttpRequest): ResultAsync<HttpResponse, WireError> =>
    authenticated(request).andThen(({ body, clientId }) =>
      parseResetPasswordCommand(body, clientId, deps.parse)
        .mapErr(fromUseCaseError)
        .asyncAndThen((command) => deps.resetPassword(command).mapErr(fromUseCaseError))
        .map(() => okResponse()),
    )

  const route = (request: HttpRequest): ResultAsync<HttpResponse, WireError> => {
    if (!isRoute(request.path)) return errAsync(wireError('not_found', 'No such endpoint.'))
    if (request.method !== 'POST') return errAsync({ ...wireError('method_not_allowed', 'Use POST.'), headers: { allow: 'POST' } })
    return request.path === ROUTES.sendOtp ? sendOtp(request) : resetPassword(request)
  }

  const report = (error: WireError): void => {
    if (error.serverError !== undefined) deps.onServerError?.(error.serverError)
  }

  return async (request) => {
    try {
      const result = await route(request)
      if (result.isOk()) return result.value
      report(result.error)
      return errorResponse(result.error)
    } catch (cause) {
      // A bug, not an expected failure: still a bare 500, never a stack trace.
      report({ code: 'server_error', serverError: { code: 'server_error', description: 'Unexpected failure.', port: 'http', cause } })
      return errorResponse({ code: 'server_error' })
    }
  }
}
