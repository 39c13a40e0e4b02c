// `@resetkit/adapters-node/zxcvbn`: the strength estimator, in a worker thread (for servers) or
// on the calling thread (scripts, tests).
export { createZxcvbnWorkerEstimator, type ZxcvbnWorkerEstimator, type ZxcvbnWorkerOptions } from './worker-estimator.js'
export {
  createZxcvbnEstimator,
  FAST_MATCHERS_ZXCVBN_VERSION,
  loadZxcvbn,
  SAFE_ZXCVBN_OPTIONS,
  type FastMatcherParts,
  type FastMatchersFallback,
  type LoadedZxcvbn,
  type ZxcvbnLoadOptions,
  type ZxcvbnOptions,
} from './estimator.js'
export { commonPasswordList } from './common-passwords.js'
