import { createAuditor, mapErrAsync, phoneLibrary } from '@resetkit/core/internal'
import {
  identifierKey,
  type Identifier,
  type AuditOptions,
  type ChangePassword,
  type ResetPassword,
  type SendOtp,
  type SendOtpCommand,
  type ServerError,
} from '@resetkit/core'
import { errAsync, ok, okAsync, type ResultAsync } from 'neverthrow'
import { authenticateClient, type ClientAuthDeps } from './authenticate-client.js'
import { presentedCredentials } from './client-credentials.js'
import { createCors, type CorsOptions } from './cors.js'
import { wireError, type WireError } from './http-errors.js'
import type { HttpRequest, HttpResponse } from './http-types.js'
import { ipRateLimitKey, sourceNetworkOf, type RateLimits } from './rate-limit.js'
import { limit } from './limit.js'
import { createChangePasswordRoute } from './change-password-route.js'
import { parseResetPasswordCommand, type ParseOptions } from './parse/reset-password-command.js'
import { preferredLocale } from './parse/locale.js'
import { parseSendOtpCommand } from './parse/send-otp-command.js'
import { INPUT_LIMITS } from './parse/limits.js'

/** Where a request may carry the human check's token instead of the body. */
export const HUMAN_CHECK_HEADER = 'x-human-check-token'
import { readJsonObject } from './read-json-body.js'
import { errorResponse, fromUseCaseError, okResponse } from './responses.js'
import { createWireCaller } from './wire-call.js'

/** The default body limit: the largest legitimate body is a few hundred bytes. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024

/** The address a request without one is counted under: all of them share this one bucket. */
export const UNKNOWN_CLIENT_IP = 'unknown'

export const ROUTES = { sendOtp: '/otp/send', resetPassword: '/reset_user_password', changePassword: '/change_user_password' } as const

/** The paths a transport should route to resetkit for these deps (the change only when given). */
export const servedPaths = (deps: Pick<ResetkitHttpDeps, 'changePassword'>): string[] => [
  ROUTES.sendOtp,
  ROUTES.resetPassword,
  ...(deps.changePassword === undefined ? [] : [ROUTES.changePassword]),
]

export interface ResetkitHttpDeps extends ClientAuthDeps {
  readonly sendOtp: SendOtp
  readonly resetPassword: ResetPassword
  /** Serves `/change_user_password` when given (it needs `tokens`: the user is the token's subject). */
  readonly changePassword?: ChangePassword
  readonly parse?: ParseOptions
  /** Per-IP and per-identifier limits; none unless given (see `createDefaultRateLimits`). */
  readonly rateLimit?: RateLimits
  /** Client registry, token verifier and rate limiter calls time out after this; default 10 s. */
  readonly portTimeoutMs?: number
  /**
   * Called with every server-side failure (its port and cause) so the host can log it; the
   * client only ever sees `{"error":"server_error"}`. Never receives passwords or codes.
   */
  readonly onServerError?: (error: ServerError) => void
  /**
   * The audit trail's transport events: failed client authentication (with the reason) and
   * requests refused by a rate limit. Give the same options as to the use cases, so subjects match.
   */
  readonly audit?: AuditOptions
  /** Cross-origin calls from browsers (single-page apps); off unless given. */
  readonly cors?: CorsOptions
}

export type ResetkitHttp = (request: HttpRequest) => Promise<HttpResponse>

type Body = Readonly<Record<string, unknown>>

// What a request revealed on its way through, for the response's CORS headers.
interface Seen {
  clientId?: string
}



// Errors in the presented credentials themselves (two methods at once, broken Basic…).
const malformedCredentials = (error: WireError): WireError =>
  error.code === 'invalid_client' ? { ...error, authFailure: { reason: 'malformed_credentials' } } : error

/**
 * The whole wire contract as one function from a transport-neutral request to a response.
 * Transports (Express, fetch) only translate to and from it.
 */
export function createResetkitHttp(deps: ResetkitHttpDeps): ResetkitHttp {
  const call = createWireCaller(deps.portTimeoutMs)
  const auditor = createAuditor(deps.audit)
  phoneLibrary() // the parser reads phone numbers: loaded at creation, not by the first one sent
  const cors = deps.cors === undefined ? undefined : createCors(deps.cors)
  if (deps.changePassword !== undefined && deps.tokens === undefined) {
    throw new TypeError('changePassword needs tokens (an AccessTokenVerifier): the user is the access token’s subject')
  }
  const changePassword =
    deps.changePassword === undefined || deps.tokens === undefined
      ? undefined
      : createChangePasswordRoute({ changePassword: deps.changePassword, tokens: deps.tokens, call, rateLimit: deps.rateLimit, unknownIp: UNKNOWN_CLIENT_IP })
  const isRoute = (path: string): boolean => path === ROUTES.sendOtp || path === ROUTES.resetPassword || (path === ROUTES.changePassword && changePassword !== undefined)

  // Order: the IP budget first (cheap, and it needs nothing from the body), then the body and
  // the client. An identifier's budget is spent only by an authenticated client whose body
  // parsed: otherwise anyone could lock a victim out with requests we would refuse anyway.
  const admitted = (request: HttpRequest, seen: Seen): ResultAsync<{ body: Body; clientId: string }, WireError> =>
    // No address (a transport or proxy that did not give one) shares one bucket: it never turns the limit off.
    limit(call, deps.rateLimit?.perIp, 'ip', ipRateLimitKey(request.clientIp ?? UNKNOWN_CLIENT_IP))
      .andThen(() => readJsonObject(request.headers, request.body))
      .andThen((body) => presentedCredentials(request.headers, body).mapErr(malformedCredentials).map((credentials) => ({ body, credentials })))
      .andThen(({ body, credentials }) => authenticateClient(deps, call, credentials).andThen((clientId) => {
        seen.clientId = clientId
        return ok({ body, clientId })
      }))

  const limitIdentifier = (identifier: Identifier): ResultAsync<void, WireError> =>
    limit(call, deps.rateLimit?.perIdentifier, 'identifier', identifierKey(identifier))

  const sendOtp = (body: Body, clientId: string, request: HttpRequest): ResultAsync<HttpResponse, WireError> =>
    parseSendOtpCommand(body, clientId, deps.parse)
      .map((command): SendOtpCommand => {
        // The message's language, when the requester said: the sender may use it.
        const locale = preferredLocale(request.headers['accept-language'])
        const ip = request.clientIp
        const headerToken = request.headers[HUMAN_CHECK_HEADER]
        // Built from an empty literal, not `{ ...command, ...(locale…) }`: fields added after a
        // leading spread give every command a hidden class of its own on Node 20 (responses.ts).
        const withRequest: { -readonly [K in keyof SendOtpCommand]: SendOtpCommand[K] } = Object.assign({}, command)
        if (locale !== undefined) withRequest.locale = locale
        if (ip !== undefined) withRequest.source = { ip, network: sourceNetworkOf(ip) }
        if (command.humanCheckToken === undefined && typeof headerToken === 'string' && headerToken.length <= INPUT_LIMITS.humanCheckToken) withRequest.humanCheckToken = headerToken
        return withRequest
      })
      .mapErr(fromUseCaseError)
      .asyncAndThen((command) => limitIdentifier(command.identifier).andThen(() => ok(command)))
      .andThen((command) => mapErrAsync(deps.sendOtp(command), fromUseCaseError))
      .andThen(({ otpToken }) => ok(okResponse({ otp_token: otpToken })))

  const resetPassword = (body: Body, clientId: string): ResultAsync<HttpResponse, WireError> =>
    parseResetPasswordCommand(body, clientId, deps.parse)
      .mapErr(fromUseCaseError)
      .asyncAndThen((command) => limitIdentifier(command.identifier).andThen(() => ok(command)))
      .andThen((command) => mapErrAsync(deps.resetPassword(command), fromUseCaseError))
      .andThen(() => ok(okResponse()))

  const route = (request: HttpRequest, seen: Seen): ResultAsync<HttpResponse, WireError> => {
    if (request.method === 'OPTIONS' && cors !== undefined) {
      const preflight = cors.preflight(request.headers)
      if (preflight !== undefined) return okAsync(preflight)
    }
    if (request.method !== 'POST') return errAsync(wireError('method_not_allowed', 'Use POST.', { allow: 'POST' }))
    if (request.path === ROUTES.changePassword && changePassword !== undefined) {
      return changePassword(request, (clientId) => {
        seen.clientId = clientId
      })
    }
    const useCase = request.path === ROUTES.sendOtp ? (body: Body, clientId: string) => sendOtp(body, clientId, request) : resetPassword
    return admitted(request, seen).andThen(({ body, clientId }) => useCase(body, clientId))
  }

  const report = (error: WireError, path: string): void => {
    if (error.serverError !== undefined) deps.onServerError?.(error.serverError)
    if (error.authFailure !== undefined) auditor.recordTransport({ type: 'client_authentication_failed', ...error.authFailure })
    if (error.throttled !== undefined) {
      const route = path === ROUTES.sendOtp ? 'otp_send' : path === ROUTES.changePassword ? 'change_password' : 'reset_password'
      auditor.recordTransport({ type: 'request_throttled', scope: error.throttled.scope, route, source: auditor.pseudonym(error.throttled.key) })
    }
  }

  const routed = async (request: HttpRequest, seen: Seen): Promise<HttpResponse> => {
    try {
      // eslint-disable-next-line neverthrow/must-use-result -- handled by isOk()/isErr() below, which the rule does not recognise
      const result = await route(request, seen)
      if (result.isOk()) return result.value
      report(result.error, request.path)
      return errorResponse(result.error)
    } catch (cause) {
      // A bug, not an expected failure: still a bare 500, never a stack trace.
      report({ code: 'server_error', serverError: { code: 'server_error', description: 'Unexpected failure.', port: 'http', cause } }, request.path)
      return errorResponse({ code: 'server_error' })
    }
  }

  return async (request: HttpRequest): Promise<HttpResponse> => {
    if (!isRoute(request.path)) return errorResponse(wireError('not_found', 'No such endpoint.'))
    const seen: Seen = {}
    const response = await routed(request, seen)
    return cors === undefined ? response : cors.decorate(response, request.headers, seen.clientId)
  }
}
