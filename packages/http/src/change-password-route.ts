import type { ChangePassword } from '@resetkit/core'
import { mapErrAsync } from '@resetkit/core/internal'
import { err, errAsync, ok, okAsync, type ResultAsync } from 'neverthrow'
import { bearerFailure } from './authenticate-client.js'
import { authorizationParts } from './client-credentials.js'
import { CHALLENGES, wireError, type WireError } from './http-errors.js'
import type { HttpRequest, HttpResponse } from './http-types.js'
import { limit } from './limit.js'
import { parseChangePasswordCommand } from './parse/change-password-command.js'
import type { AccessTokenInfo, AccessTokenVerifier } from './ports.js'
import { ipRateLimitKey, type RateLimits } from './rate-limit.js'
import { readJsonObject } from './read-json-body.js'
import { fromUseCaseError, okResponse } from './responses.js'
import type { WireCaller } from './wire-call.js'

const MAX_TOKEN_LENGTH = 4096

export interface ChangePasswordRouteDeps {
  readonly changePassword: ChangePassword
  readonly tokens: AccessTokenVerifier
  readonly call: WireCaller
  readonly rateLimit?: RateLimits | undefined
  /** The key a request without a known client IP is counted under. */
  readonly unknownIp: string
}

/** The bearer token of `Authorization: Bearer <token>`, or why there is none to use. */
function bearerOf(request: HttpRequest): ResultAsync<string, WireError> {
  const { scheme, value: token } = authorizationParts(request.headers['authorization']?.trim() ?? '')
  // Anything but a bearer token (none, Basic, an empty Bearer) is the CIAM's "not found".
  if (scheme !== 'bearer' || token.length === 0) {
    return errAsync(bearerFailure(wireError('invalid_request', 'Bearer token not found in the request', CHALLENGES.bearerMissing), 'bearer_missing'))
  }
  if (token.length > MAX_TOKEN_LENGTH) return errAsync(bearerFailure(wireError('invalid_token', 'The access token is not valid.', CHALLENGES.invalidToken), 'invalid_token'))
  return okAsync(token)
}

/**
 * `POST /change_user_password`: the user is the access token's subject, so the token is the
 * only credential; it must carry `openid`. Order: the IP budget, the body, the token, then the
 * user's own budget (keyed by the subject), then the use case.
 */
export function createChangePasswordRoute(deps: ChangePasswordRouteDeps): (request: HttpRequest, onClient: (clientId: string) => void) => ResultAsync<HttpResponse, WireError> {
  const { call, tokens } = deps

  const verified = (token: string): ResultAsync<AccessTokenInfo & { readonly subject: string }, WireError> =>
    call('tokens.verify', () => tokens.verify(token)).andThen((info) => {
      if (info === null) return err(bearerFailure(wireError('invalid_token', 'The access token is not valid.', CHALLENGES.invalidToken), 'invalid_token'))
      if (!info.scopes.includes('openid')) {
        return err(bearerFailure(wireError('insufficient_scope', 'The access token lacks the openid scope.', CHALLENGES.insufficientScope), 'insufficient_scope', info.clientId))
      }
      const { subject } = info
      if (subject === undefined || subject.length === 0) {
        return err(bearerFailure(wireError('invalid_token', 'The access token names no user.', CHALLENGES.invalidToken), 'no_subject', info.clientId))
      }
      return ok({ ...info, subject })
    })

  return (request, onClient) =>
    limit(call, deps.rateLimit?.perIp, 'ip', ipRateLimitKey(request.clientIp ?? deps.unknownIp))
      .andThen(() => readJsonObject(request.headers, request.body))
      .andThen((body) => bearerOf(request).andThen(verified).andThen((info) => ok({ body, info })))
      .andThen(({ body, info }) => {
        onClient(info.clientId)
        return limit(call, deps.rateLimit?.perIdentifier, 'identifier', `user:${info.subject}`).andThen(() => ok({ body, info }))
      })
      .andThen(({ body, info }) =>
        parseChangePasswordCommand(body, { clientId: info.clientId, userId: info.subject, ...(info.sessionId === undefined ? {} : { sessionId: info.sessionId }) })
          .mapErr(fromUseCaseError)
          .asyncAndThen((command) => mapErrAsync(deps.changePassword(command), fromUseCaseError)),
      )
      .andThen(() => ok(okResponse()))
}
