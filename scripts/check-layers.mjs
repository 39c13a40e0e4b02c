// The layering rules, checked on every `pnpm test` (no dependency: it reads the sources as text).
// - core's src is the domain only: no Node implementation, no test kit, no other package;
// - core's ports.ts imports nothing;
// - no import cycle inside core, type imports included;
// - every package declares what its src imports, and imports what it declares;
// - http does not depend on the memory adapters; hardening does not reach into bench/.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'

const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const problems = []

const walk = (dir) =>
  readdirSync(dir).filter((name) => name !== 'node_modules' && name !== 'dist').flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\sfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g
const importsOf = (file) => [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((match) => match[1] ?? match[2])
const packageOf = (specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0])
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier))

// 1. core's domain imports nothing of the world's.
const FORBIDDEN_IN_CORE = [/^@zxcvbn-ts\//, /^@node-rs\//, /^piscina$/, /^fast-check$/, /^vitest$/, /^@resetkit\//]
const coreFiles = walk(join(root, 'packages/core/src'))
for (const file of coreFiles) {
  const name = relative(root, file)
  for (const specifier of importsOf(file)) {
    if (FORBIDDEN_IN_CORE.some((rule) => rule.test(specifier))) problems.push(`${name} imports ${specifier}: core holds the domain only`)
  }
}

// ports.ts is the ground floor: it imports no other core module, so any module may import it.
for (const specifier of importsOf(join(root, 'packages/core/src/ports.ts'))) problems.push(`core's ports.ts imports ${specifier}: it must import nothing`)

// 2. No cycle inside core.
const graph = new Map(
  coreFiles.map((file) => [file, importsOf(file).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')))]),
)
const state = new Map()
const visit = (file, path) => {
  if (state.get(file) === 'done') return
  if (state.get(file) === 'open') {
    const cycle = path.slice(path.indexOf(file)).concat(file).map((f) => relative(join(root, 'packages/core/src'), f))
    problems.push(`import cycle in core: ${cycle.join(' → ')}`)
    return
  }
  state.set(file, 'open')
  for (const next of graph.get(file) ?? []) visit(next, [...path, file])
  state.set(file, 'done')
}
for (const file of graph.keys()) visit(file, [])

// 3. Each package's src imports exactly what its package.json declares as dependencies or peers.
for (const dir of ['packages', 'examples'].flatMap((top) => readdirSync(join(root, top)).map((name) => join(root, top, name)))) {
  let manifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  } catch {
    continue
  }
  let files
  try {
    files = walk(join(dir, 'src'))
  } catch {
    continue // no src: a test-only package
  }
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})])
  const used = new Set()
  for (const file of files) {
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.') || isBuiltin(specifier)) continue
      const name = packageOf(specifier)
      if (name === manifest.name) continue
      used.add(name)
      if (!declared.has(name)) problems.push(`${relative(root, file)} imports ${name}, which ${manifest.name} does not declare`)
    }
  }
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (!used.has(name) && !name.startsWith('@types/')) problems.push(`${manifest.name} declares ${name} but its src never imports it`)
  }
}

// 4. Named edges that must not exist.
const http = JSON.parse(readFileSync(join(root, 'packages/http/package.json'), 'utf8'))
if ({ ...http.dependencies, ...http.peerDependencies }['@resetkit/adapters-memory'] !== undefined) problems.push('@resetkit/http depends on @resetkit/adapters-memory')
for (const file of walk(join(root, 'packages/hardening'))) {
  for (const specifier of importsOf(file)) if (/^(\.\.\/)+bench\//.test(specifier)) problems.push(`${relative(root, file)} imports ${specifier}: use the package, not bench/ by path`)
}

if (problems.length > 0) {
  console.error(`layering check: ${problems.length} problem(s)\n${problems.map((problem) => `- ${problem}`).join('\n')}`)
  process.exit(1)
}
console.log(`layering check: ${coreFiles.length} core files, no cycle, every package declares what it imports`)
