export { createJwtAccessTokenVerifier, type ClientIdClaim, type JwtAlgorithm, type JwtVerifierOptions } from './jwt-verifier.js'
export { createIntrospectionVerifier, type IntrospectionVerifierOptions } from './introspection-verifier.js'
export { MAX_TOKEN_LENGTH, scopesOf } from './endpoint.js'
