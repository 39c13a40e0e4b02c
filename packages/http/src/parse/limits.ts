/**
 * Bounds on untrusted input, checked before any expensive work. Passwords are measured in UTF-16
 * units here (cheap); the policy then counts code points after NFKC.
 */
export const INPUT_LIMITS = {
  password: 4096,
  otpToken: 256,
  otp: 16,
  email: 320,
  phoneNumber: 32,
  usage: 32,
  /** Turnstile documents tokens of up to 2048 characters. */
  humanCheckToken: 2048,
  /** The whole Accept-Language header; longer ones are ignored. */
  acceptLanguage: 256,
} as const
