export { createTurnstileCheck, SITEVERIFY_URL, TurnstileMisconfiguredError, type TurnstileCheckOptions } from './turnstile-check.js'
