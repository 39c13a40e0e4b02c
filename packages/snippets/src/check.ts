import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'
import type { Snippet } from './extract.js'

export interface SnippetError {
  readonly where: string
  readonly message: string
}

export const RESOLUTIONS = {
  nodenext: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
} as const

/**
 * Writes each README's snippets into a folder of their own (named blocks under their names, so
 * one may import another) and type-checks them all under --strict with the given resolution.
 */
export function checkSnippets(snippets: readonly Snippet[], { outDir, repo }: { readonly outDir: string; readonly repo: string }, resolution: keyof typeof RESOLUTIONS): SnippetError[] {
  const out = join(outDir, resolution)
  rmSync(out, { recursive: true, force: true })
  const origins = new Map<string, Snippet>()
  for (const snippet of snippets) {
    const folder = join(out, snippet.readme.replace(/[^\w]+/g, '_'))
    const path = join(folder, snippet.file)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n')
    // A block with no import or export is still checked as a module (top-level await).
    const isModule = /^\s*(import|export)\s/m.test(snippet.code)
    writeFileSync(path, isModule ? snippet.code : `${snippet.code}\nexport {}\n`)
    origins.set(path, snippet)
  }
  const program = ts.createProgram([...origins.keys()], {
    ...RESOLUTIONS[resolution],
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  })
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    const file = diagnostic.file
    const origin = file === undefined ? undefined : origins.get(file.fileName)
    if (file === undefined || origin === undefined || diagnostic.start === undefined) return { where: file?.fileName ?? '(global)', message }
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start)
    return { where: `${relative(repo, origin.readme)}:${origin.line + line}`, message }
  })
}
