/**
 * Every port the core needs, and nothing else. Ports return promises of plain values: an
 * expected outcome (a missing user, a lost race) is a value, and anything thrown or rejected is
 * turned into a typed `server_error` by the use case that called it.
 */
// The ground floor: this file imports nothing, so every other module may import it.

export type Channel = 'email' | 'phone_number'

/** A normalised user identifier: a lower-cased email or an E.164 phone number. */
export type Identifier =
  | { readonly channel: 'email'; readonly value: string }
  | { readonly channel: 'phone_number'; readonly value: string }

/** One broken rule, structured so a client can render it in its own words. */
export interface PolicyViolation {
  /** Stable id, e.g. `min_length`, `too_weak`. */
  readonly rule: string
  readonly params: Readonly<Record<string, number | string>>
  readonly message: string
}

/** What the policy may know about the user, to refuse passwords built from it. */
export interface PolicyContext {
  readonly email: string | null
  readonly phoneNumber: string | null
  readonly names: readonly string[]
}


/** Milliseconds since the Unix epoch. */
export interface Clock {
  now(): number
}

/** Cryptographically secure random bytes. */
export interface RandomSource {
  bytes(length: number): Uint8Array
}

/** `frozen` and `locked` accounts may neither reset nor change a password (the CIAM's two texts). */
export type UserStatus = 'active' | 'frozen' | 'locked'

export interface UserRecord {
  readonly id: string
  readonly email: string | null
  readonly phoneNumber: string | null
  readonly status: UserStatus
  /** Names the user is known by; fed to the strength estimator as personal data. */
  readonly names: readonly string[]
  /** The current password hash; null for a user who never had a password. */
  readonly passwordHash: string | null
  /** Earlier password hashes, newest first. */
  readonly passwordHistory: readonly string[]
  /** Changes with every password change: the compare-and-set key. */
  readonly version: number
}

/** A user as given to a store (seeding, tests): everything but the version, which the store owns. */
export type UserSeed = Omit<UserRecord, 'version'>

export interface PasswordChange {
  readonly userId: string
  readonly expectedVersion: number
  readonly newHash: string
  /** Old hashes to keep once the current hash has moved into history (policy N − 1). */
  readonly historyLimit: number
}

export interface UserStore {
  findByIdentifier(identifier: Identifier): Promise<UserRecord | null>
  /** The user an access token names (its subject), for a signed-in password change. */
  findById(userId: string): Promise<UserRecord | null>
  /**
   * Atomically, only if the user's version still equals `expectedVersion`: push the current hash
   * (if any) onto the history, keep the newest `historyLimit` entries, store `newHash`, bump the
   * version. Returns 'conflict' and changes nothing otherwise (or when the user is gone).
   */
  changePassword(change: PasswordChange): Promise<'changed' | 'conflict'>
}

export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(hash: string, password: string): Promise<boolean>
  /**
   * Optional: what a new password needs at once, the hash to store and whether it verifies
   * against any of `previous` (the history rule), in as few hand-offs as the hasher can make
   * (one task per thread for argon2id in workers). Without it, `verify` is called for each of
   * `previous` and `hash` once, all at the same time; the answers must be the same.
   */
  hashAndCompare?(password: string, previous: readonly string[]): Promise<HashAndCompareResult>
}

export interface HashAndCompareResult {
  /** The new password's hash, made whatever `reused` says. */
  readonly hash: string
  /** Whether the password verifies against at least one of the hashes it was compared with. */
  readonly reused: boolean
}

export interface PasswordPolicy {
  /** N: the new password must differ from the current one and the N − 1 before it; 0 is off. */
  readonly historySize: number
  check(password: string, context: PolicyContext): Promise<readonly PolicyViolation[]>
}

/**
 * Whether a password is known from a breach corpus (NIST SP 800-63B). Called only once the code
 * is proven and the cheap rules pass, so an unauthenticated caller can never make it run.
 */
export interface BreachedPasswordChecker {
  isBreached(password: string): Promise<boolean>
}

export type OtpUsage = 'reset_password' | 'login' | 'signup' | 'update_userinfo'

/** What a user presents to prove they received a code. */
export interface OtpAttempt {
  readonly clientId: string
  readonly usage: OtpUsage
  readonly identifier: Identifier
  readonly token: string
  readonly code: string
}

/** `other_*`: the token was issued to another client, for another usage, or to another identifier. */
export type BadTokenReason = 'unknown' | 'expired' | 'consumed' | 'exhausted' | 'other_client' | 'other_usage' | 'other_identifier'

export type OtpCheck =
  | { readonly outcome: 'valid' }
  | { readonly outcome: 'bad_token'; readonly reason: BadTokenReason }
  | { readonly outcome: 'bad_code'; readonly attemptsLeft: number }
  /** The identifier's guess budget is spent: refused whatever the code, until the window moves. */
  | { readonly outcome: 'throttled'; readonly retryAfterMs: number }

export type ConsumeOutcome = 'won' | Extract<BadTokenReason, 'consumed' | 'expired' | 'unknown'>

export interface OtpVerifier {
  /** Checks token and code; a wrong code counts against the token's attempt limit. */
  verify(attempt: OtpAttempt): Promise<OtpCheck>
  /**
   * Marks a verified token used: `won` for exactly one caller however many race; the others
   * learn why they lost (`consumed` by another reset, or `expired` while theirs was in flight).
   */
  consume(attempt: OtpAttempt): Promise<ConsumeOutcome>
  /** Makes a consumed token usable again after the reset it was consumed for failed. */
  release(attempt: OtpAttempt): Promise<void>
}

/** The stored state of one issued code. Only hashes of the token and the code are kept. */
export interface OtpRecord {
  readonly tokenId: string
  readonly clientId: string
  readonly usage: OtpUsage
  readonly identifier: Identifier
  readonly codeHash: string
  readonly issuedAt: number
  readonly expiresAt: number
  /** Attempts reserved and not refunded: wrong codes, plus checks still in flight. */
  readonly attempts: number
  readonly consumed: boolean
}

/** One sliding window: at most `maxPerWindow` entries in `windowMs`, `cooldownMs` apart (0 for none). */
export interface BudgetWindow {
  /** What the window counts per: a send flow, an inbox, an identifier's wrong guesses. */
  readonly key: string
  readonly cooldownMs: number
  readonly maxPerWindow: number
  readonly windowMs: number
}

/**
 * One entry to take from every window at once: all of them admit it, or none counts it.
 * `now` is the caller's clock; a budget backed by a server with a clock of its own (Redis)
 * should use that instead, so instances with skewed clocks share one timeline.
 */
export interface WindowReservation {
  readonly now: number
  readonly windows: readonly BudgetWindow[]
}

export type WindowOutcome =
  /** `id` names the entry, so it can be given back. */
  | { readonly allowed: true; readonly id: string }
  /** `window`: the key of the first window that refused. */
  | { readonly allowed: false; readonly retryAfterMs: number; readonly window: string }

/**
 * Sliding-window budgets: the send limits (per flow and per inbox) and the guess budget (per
 * identifier) are one rule, so one port. Must be atomic against concurrent calls.
 */
export interface WindowBudget {
  reserve(reservation: WindowReservation): Promise<WindowOutcome>
  /** Gives an entry back (a guess whose code proved right); unknown keys and ids are ignored. */
  release(key: string, id: string): Promise<void>
}

/** The issued codes: their records, attempts and single use. Windows are a `WindowBudget`. */
export interface OtpStore {
  /**
   * Saves a new record. Any older record for the same client, usage and identifier stops
   * being found: one live code per flow (a send in one flow never retires a token of another).
   */
  issue(record: OtpRecord): Promise<void>
  findByTokenId(tokenId: string): Promise<OtpRecord | null>
  /** Atomically counts one attempt if fewer than `maxAttempts` are counted; false otherwise. */
  reserveAttempt(tokenId: string, maxAttempts: number): Promise<boolean>
  /** Gives back an attempt reserved for a code that proved right. */
  refundAttempt(tokenId: string): Promise<void>
  /** Atomically marks an unexpired, unused record used; true for exactly one caller. */
  consume(tokenId: string, now: number): Promise<boolean>
  /** Undoes `consume`. */
  release(tokenId: string): Promise<void>
}

export interface OtpDelivery {
  readonly channel: Channel
  readonly to: string
  readonly code: string
  readonly usage: OtpUsage
  readonly expiresAt: number
  /** The requester's preferred language (BCP 47), when the request said; the sender may ignore it. */
  readonly locale?: string
}

export interface OtpSender {
  send(delivery: OtpDelivery): Promise<void>
}

/** What a send request carried for the human check. */
export interface HumanCheckRequest {
  /** The widget's token (e.g. Turnstile's `cf-turnstile-response`), as the request sent it. */
  readonly token: string
  readonly clientId: string
  /** The requester's IP, when the transport knows it; providers use it as one more signal. */
  readonly remoteIp?: string
}

/**
 * Asked before any code is sent: is this request from a person (a CAPTCHA, Turnstile)? `true`
 * admits the send; `false` refuses it. Throwing or rejecting refuses it too (fail-closed):
 * an adapter that wants to fail open must answer `true` itself and say so in its option's name.
 */
export interface HumanCheck {
  verify(request: HumanCheckRequest): Promise<boolean>
}

/** Ends every other session of a user after their password changed; returns how many. */
export interface SessionRevoker {
  /**
   * `except`: the session the change was made from (the access token's `sid`), kept so the
   * user is not signed out of the page they are on; absent after a reset, which ends them all.
   */
  revokeAllForUser(userId: string, options?: { readonly except?: string }): Promise<number>
}

/** Tells a user their password changed. Never carries the password, code or token. */
export interface PasswordChangedNotice {
  readonly event: 'password_changed'
  readonly userId: string
  readonly channel: Channel
  readonly to: string
  readonly at: number
}

export interface Notifier {
  notify(notice: PasswordChangedNotice): Promise<void>
}

// The ClientRegistry and AccessTokenVerifier ports decide who is calling: a transport concern,
// so they live in @resetkit/http beside its RateLimiter.

// The AuditLog port is declared beside the events it receives, in audit/events.ts.
