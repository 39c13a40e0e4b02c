import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkSnippets, RESOLUTIONS } from '../src/check.js'
import { extractSnippets } from '../src/extract.js'

const here = new URL('..', import.meta.url).pathname
const repo = join(here, '..', '..')
const readmes = [
  join(repo, 'README.md'),
  ...['packages', 'examples'].flatMap((group) =>
    readdirSync(join(repo, group)).map((name) => join(repo, group, name, 'README.md')).filter((path) => existsSync(path)),
  ),
]
const snippets = readmes.flatMap((path) => extractSnippets(path, readFileSync(path, 'utf8')))

describe('every ```ts block of every README', () => {
  it('is found: the root README and every published package have some', () => {
    expect(snippets.length).toBeGreaterThan(20)
    expect(new Set(snippets.map(({ readme }) => readme)).size).toBeGreaterThanOrEqual(13)
  })

  it.each(Object.keys(RESOLUTIONS) as (keyof typeof RESOLUTIONS)[])('compiles as written under --strict with %s resolution', (resolution) => {
    expect(checkSnippets(snippets, { outDir: join(here, '.generated'), repo }, resolution)).toEqual([])
  }, 120_000)
})

describe('extractSnippets', () => {
  it('reads named and unnamed ```ts blocks with their README line', () => {
    const text = ['# x', '```ts resetkit.ts', 'export const a = 1', '```', '```sh', 'ls', '```', '```ts', "import { a } from './resetkit.js'", '```'].join('\n')
    expect(extractSnippets('R.md', text)).toEqual([
      { readme: 'R.md', line: 3, file: 'resetkit.ts', code: 'export const a = 1' },
      { readme: 'R.md', line: 9, file: 'snippet-9.ts', code: "import { a } from './resetkit.js'" },
    ])
  })

  it('a snippet that does not compile is reported at its README line', () => {
    const bad = extractSnippets(join(repo, 'BAD.md'), ['```ts', 'const n: number = "not a number"', '```'].join('\n'))
    expect(checkSnippets(bad, { outDir: join(here, '.generated-self-test'), repo }, 'nodenext')).toEqual([
      { where: 'BAD.md:2', message: "Type 'string' is not assignable to type 'number'." },
    ])
  })
})
