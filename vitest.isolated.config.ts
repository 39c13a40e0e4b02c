import { defineConfig } from 'vitest/config'

// Suites that measure the event loop run alone: another test file on the same two cores would
// show up as delay that resetkit did not cause.
export default defineConfig({
  test: {
    include: ['packages/*/test-isolated/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
})
