// `pnpm mutation`: Stryker over the domain (core) and the wire contract (http). Not part of
// `pnpm test` or CI: a full run takes tens of minutes on two cores; incremental reruns only test
// what changed since reports/mutation/incremental.json.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins: ['@stryker-mutator/vitest-runner'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'packages/core/src/**/*.ts',
    'packages/http/src/**/*.ts',
    // Re-exports and type declarations only: nothing to mutate.
    '!packages/*/src/index.ts',
    '!packages/core/src/internal.ts',
    '!packages/*/src/ports.ts',
    '!packages/http/src/http-types.ts',
  ],
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['html', 'json', 'progress', 'clear-text'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ['reports', 'bench/results', 'coverage', '**/*.tsbuildinfo'],
}
