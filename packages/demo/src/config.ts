import { isRegion, type CountryCode } from '@resetkit/core'
import { randomBytes } from 'node:crypto'

/** The demo's settings, read once from the environment and checked. */
export interface DemoConfig {
  readonly port: number
  readonly otpTtlSeconds: number
  readonly passwordHistory: number
  readonly otpMaxAttempts: number
  /** 0 turns the resend cooldown and the hourly cap off. */
  readonly otpResendCooldownSeconds: number
  readonly rateLimit: boolean
  /** The delivery budgets (per network, client, channel); off only for load tests. */
  readonly deliveryBudgets: boolean
  /** `memory` (one process) or `postgres` (PostgreSQL users, Redis OTP state: many instances). */
  readonly store: 'memory' | 'postgres'
  readonly databaseUrl: string
  readonly databaseSchema: string
  /** OTP state and limits in Redis; without it (`STORE=postgres` alone) they live in PostgreSQL too. */
  readonly redisUrl: string | undefined
  readonly redisPrefix: string
  /** The Pwned Passwords range API to ask, or `off`. */
  readonly breachedPasswords:
    | { readonly baseUrl: string; readonly whenUnavailable: 'allow' | 'refuse'; readonly timeoutMs: number }
    | 'off'
  /** Keys the audit log's subject pseudonyms; random per process unless set (then stable). */
  readonly auditPseudonymKey: string
  /** Regions (ISO 3166) SMS may go to; `['CN']` by default. */
  readonly smsRegions: readonly CountryCode[]
  /** Cloudflare Turnstile asked before every send; off unless TURNSTILE_SECRET is set. */
  readonly turnstile: { readonly secret: string; readonly hostnames: readonly string[]; readonly siteverifyUrl?: string } | undefined
  /** Bearer tokens as JWTs from an OIDC provider, instead of the seeded opaque ones. */
  readonly bearer: { readonly jwksUrl: string; readonly issuer: string; readonly audience: readonly string[] } | undefined
  /** Where codes and notices to email addresses go: printed lines, or an SMTP server. */
  readonly delivery: 'console' | { readonly smtpUrl: string; readonly from: string }
  /** Origins the single-page client `demo-spa` may call from (CORS); a local dev server by default. */
  readonly corsOrigins: readonly string[]
}

type Env = Readonly<Record<string, string | undefined>>

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

function readStore(raw: string | undefined): DemoConfig['store'] {
  if (raw === undefined || raw === '' || raw === 'memory') return 'memory'
  if (raw === 'postgres') return 'postgres'
  throw new RangeError(`STORE must be "memory" or "postgres", got "${raw}"`)
}

function readBreachedPasswords(env: Env): DemoConfig['breachedPasswords'] {
  if ((env['BREACHED_PASSWORDS'] ?? 'on').toLowerCase() === 'off') return 'off'
  const whenUnavailable = env['BREACHED_PASSWORDS_WHEN_UNAVAILABLE'] ?? 'allow'
  if (whenUnavailable !== 'allow' && whenUnavailable !== 'refuse') {
    throw new RangeError(`BREACHED_PASSWORDS_WHEN_UNAVAILABLE must be "allow" or "refuse", got "${whenUnavailable}"`)
  }
  const baseUrl = env['BREACHED_PASSWORDS_URL'] ?? 'https://api.pwnedpasswords.com'
  if (!URL.canParse(baseUrl)) throw new RangeError(`BREACHED_PASSWORDS_URL is not a URL: "${baseUrl}"`)
  return { baseUrl, whenUnavailable, timeoutMs: wholeNumber(env, 'BREACHED_PASSWORDS_TIMEOUT_MS', 2000, 1, 60_000) }
}

function readDelivery(env: Env): DemoConfig['delivery'] {
  const delivery = env['DELIVERY'] ?? 'console'
  if (delivery === 'console') return 'console'
  if (delivery !== 'smtp') throw new RangeError(`DELIVERY must be "console" or "smtp", got "${delivery}"`)
  const smtpUrl = env['SMTP_URL'] ?? 'smtp://127.0.0.1:1025'
  if (!/^smtps?:\/\//.test(smtpUrl) || !URL.canParse(smtpUrl)) throw new RangeError('SMTP_URL must be an smtp:// or smtps:// URL')
  return { smtpUrl, from: env['SMTP_FROM'] ?? 'resetkit demo <no-reply@resetkit.example>' }
}

const list = (raw: string | undefined, fallback: string): string[] => (raw ?? fallback).split(',').map((value) => value.trim()).filter((value) => value !== '')

function readSmsRegions(env: Env): CountryCode[] {
  return list(env['SMS_REGIONS'], 'CN').map((region) => {
    if (!isRegion(region)) throw new RangeError(`SMS_REGIONS: "${region}" is not an ISO 3166 region libphonenumber knows`)
    return region
  })
}

function readTurnstile(env: Env): DemoConfig['turnstile'] {
  const secret = env['TURNSTILE_SECRET']
  if (secret === undefined || secret === '') return undefined
  const hostnames = list(env['TURNSTILE_HOSTNAMES'], '')
  if (hostnames.length === 0) throw new RangeError('TURNSTILE_HOSTNAMES is required with TURNSTILE_SECRET (the hostnames your widget is served on)')
  const siteverifyUrl = env['TURNSTILE_SITEVERIFY_URL']
  return { secret, hostnames, ...(siteverifyUrl === undefined || siteverifyUrl === '' ? {} : { siteverifyUrl }) }
}

function readBearer(env: Env): DemoConfig['bearer'] {
  const jwksUrl = env['BEARER_JWKS_URL']
  if (jwksUrl === undefined || jwksUrl === '') return undefined
  const issuer = env['BEARER_ISSUER']
  if (issuer === undefined || issuer === '') throw new RangeError('BEARER_ISSUER is required with BEARER_JWKS_URL')
  const audience = (env['BEARER_AUDIENCE'] ?? 'demo-spa,demo-native').split(',').map((value) => value.trim()).filter((value) => value !== '')
  return { jwksUrl, issuer, audience }
}

function readPseudonymKey(raw: string | undefined): string {
  if (raw === undefined || raw === '') return randomBytes(32).toString('base64url')
  if (Buffer.byteLength(raw, 'utf8') < 16) throw new RangeError('AUDIT_PSEUDONYM_KEY must be at least 16 bytes')
  return raw
}

export function readConfig(env: Env): DemoConfig {
  return {
    port: wholeNumber(env, 'PORT', 3000, 0, 65_535),
    otpTtlSeconds: wholeNumber(env, 'OTP_TTL_SECONDS', 300, 1, 86_400),
    passwordHistory: wholeNumber(env, 'PASSWORD_HISTORY', 5, 0, 100),
    otpMaxAttempts: wholeNumber(env, 'OTP_MAX_ATTEMPTS', 5, 1, 1000),
    otpResendCooldownSeconds: wholeNumber(env, 'OTP_RESEND_COOLDOWN_SECONDS', 60, 0, 86_400),
    rateLimit: (env['RATE_LIMIT'] ?? 'on').toLowerCase() !== 'off',
    deliveryBudgets: (env['DELIVERY_BUDGETS'] ?? 'on').toLowerCase() !== 'off',
    store: readStore(env['STORE']),
    databaseUrl: env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
    databaseSchema: env['DATABASE_SCHEMA'] ?? 'public',
    redisUrl: env['REDIS_URL'] === undefined || env['REDIS_URL'] === '' ? undefined : env['REDIS_URL'],
    redisPrefix: env['REDIS_PREFIX'] ?? 'resetkit:demo:',
    breachedPasswords: readBreachedPasswords(env),
    auditPseudonymKey: readPseudonymKey(env['AUDIT_PSEUDONYM_KEY']),
    delivery: readDelivery(env),
    bearer: readBearer(env),
    smsRegions: readSmsRegions(env),
    turnstile: readTurnstile(env),
    corsOrigins: (env['CORS_ORIGINS'] ?? 'http://localhost:5173').split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''),
  }
}
