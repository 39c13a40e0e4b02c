/** `@resetkit/adapters-turnstile/testing`: a local server speaking Turnstile's siteverify API. */
export { startLocalTurnstile, type IssuedToken, type LocalTurnstile, type SiteverifyCall, type TurnstileBehaviour } from './local-turnstile.js'
