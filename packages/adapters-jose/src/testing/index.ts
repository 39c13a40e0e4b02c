/** `@resetkit/adapters-jose/testing`: a local OIDC provider (JWKS with rotating keys, introspection) for tests. */
export { startLocalIdp, type IdpBehaviour, type KeyAlgorithm, type LocalIdp } from './local-idp.js'
