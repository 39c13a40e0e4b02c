// ESLint for every package's src (tests and benches are held by their own assertions).
// neverthrow's rule makes a dropped Result an error; exported functions state their return type.
import { fixupPluginRules } from '@eslint/compat'
import neverthrow from 'eslint-plugin-neverthrow'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench/**', 'packages/*/test/**', 'packages/*/test-isolated/**', 'examples/*/test/**', '*.config.ts', 'scripts/**', 'eslint.config.js', '*.config.mjs', '.stryker-tmp/**', 'reports/**'] },
  {
    files: ['packages/*/src/**/*.ts', 'examples/*/src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // The plugin predates flat config; the compat layer gives its rule the context it expects.
    plugins: { neverthrow: fixupPluginRules(neverthrow) },
    rules: {
      'neverthrow/must-use-result': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      // Port implementations are async on purpose: a synchronous throw inside becomes a rejection,
      // which callPort turns into a typed error, rather than an exception through the caller.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The test kit's suites handle every Result through expect(); the rule cannot see through
    // await or Promise.all, so there it would only flag assertions.
    files: ['packages/testing/src/**/*.ts'],
    rules: { 'neverthrow/must-use-result': 'off' },
  },
)
