// `@resetkit/core` as Node imports it: its two entries bundled into one file each (and a chunk
// they share, so both see the same modules), from the sources, with source maps to them. Node's
// ESM loader resolves and links each file on its own: core's ~40 files made most of its import
// time (`pnpm bench` reports it). tsc still emits dist/*.d.ts for the types, and dist/*.js.
import { rolldown } from 'rolldown'

const core = new URL('../packages/core/', import.meta.url)

const bundle = await rolldown({
  input: { index: new URL('src/index.ts', core).pathname, internal: new URL('src/internal.ts', core).pathname },
  platform: 'node',
  // Dependencies stay dependencies: a user's update of neverthrow or libphonenumber-js reaches core.
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  logLevel: 'warn',
})
await bundle.write({ dir: new URL('dist/bundle/', core).pathname, format: 'esm', sourcemap: true, chunkFileNames: 'shared.js' })
await bundle.close()
