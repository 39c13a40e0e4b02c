export { createResetkitHttp, DEFAULT_BODY_LIMIT_BYTES, HUMAN_CHECK_HEADER, ROUTES, servedPaths, type ResetkitHttp, type ResetkitHttpDeps } from './handler.js'
export type { HttpBody, HttpHeaders, HttpRequest, HttpResponse } from './http-types.js'
export { STATUS_BY_CODE, statusOf, type HttpOnlyCode, type WireCode, type WireError } from './http-errors.js'
export { parseBasic, presentedCredentials, type PresentedCredentials } from './client-credentials.js'
export { authenticateClient, type ClientAuthDeps } from './authenticate-client.js'
export { isJsonContentType, readJsonObject } from './read-json-body.js'
export { errorResponse, okResponse, fromUseCaseError } from './responses.js'
export { wireError } from './http-errors.js'
export {
  createDefaultRateLimits,
  createMemoryRateLimiter,
  fromRateLimiterFlexible,
  ipRateLimitKey,
  sourceNetworkOf,
  type FlexibleLimiter,
  type RateLimits,
  type RateLimitWindow,
} from './rate-limit.js'
export { DEFAULT_REGION, parseResetPasswordCommand, type ParseOptions } from './parse/reset-password-command.js'
export { parseChangePasswordCommand, type ChangeRequester } from './parse/change-password-command.js'
export { DEFAULT_USAGE, HUMAN_CHECK_FIELD, parseSendOtpCommand, type MalformedIdentifierError } from './parse/send-otp-command.js'
export { invalidRequest, type InvalidRequestError } from './parse/invalid-request.js'
export { INPUT_LIMITS } from './parse/limits.js'
export type * from './ports.js'
export { createCors, type Cors, type CorsOptions } from './cors.js'
export { preferredLocale } from './parse/locale.js'
