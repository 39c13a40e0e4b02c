// `@resetkit/core` as Node imports it: its two entries bundled into one file each (and a chunk
// they share, so both see the same modules), from the sources, with source maps to them. Node's
// ESM loader resolves and links each file on its own: core's ~40 files made most of its import
// time (`pnpm bench` reports it). tsc still emits dist/*.d.ts for the types, and dist/*.js.
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'

const core = new URL('../packages/core/', import.meta.url)
const path = (relative) => fileURLToPath(new URL(relative, core))

// Dependencies stay dependencies, so a user's update of neverthrow or libphonenumber-js reaches
// core; Node's built-ins stay imports.
const dependencies = Object.keys(JSON.parse(readFileSync(path('package.json'), 'utf8')).dependencies ?? {})
const isExternal = (id) => id.startsWith('node:') || dependencies.some((name) => id === name || id.startsWith(`${name}/`))

const bundle = await rolldown({
  input: { index: path('src/index.ts'), internal: path('src/internal.ts') },
  platform: 'node',
  external: isExternal,
  logLevel: 'warn',
})
// A chunk's name carries its hash: clear the folder, so no stale chunk is packed beside the new one.
rmSync(path('dist/bundle/'), { recursive: true, force: true })
await bundle.write({ dir: path('dist/bundle/'), format: 'esm', sourcemap: true, chunkFileNames: 'shared-[hash].js' })
await bundle.close()
