import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// For `pnpm mutation` only: the workspace packages resolve to their sources, so a mutant that
// Stryker writes into packages/*/src reaches every test that runs through the package, even the
// tests (and test kit) that import it by name.
const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@resetkit\/core$/, replacement: source('./packages/core/src/index.ts') },
      { find: /^@resetkit\/core\/internal$/, replacement: source('./packages/core/src/internal.ts') },
      { find: /^@resetkit\/http$/, replacement: source('./packages/http/src/index.ts') },
    ],
  },
  test: {
    include: [
      'packages/core/test/**/*.test.ts',
      'packages/http/test/**/*.test.ts',
      'packages/adapters-fetch/test/http.contract.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
