// The generated blocks of the READMEs: a table between `<!-- name:start -->` and
// `<!-- name:end -->`, rewritten by the command that measures it (bench, figures, mutation).
import { readFile, writeFile } from 'node:fs/promises'

/** `text` with the `name` block's contents replaced by `body`, or undefined when it has no such block. */
function withSection(text, name, body) {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const block = new RegExp(`${start}[\\s\\S]*?${end}`)
  if (!block.test(text)) return undefined
  // A function, so a `$` in the body is written as it is, never read as a replacement pattern.
  return text.replace(block, () => `${start}\n${body}\n${end}`)
}

/**
 * Rewrites the `name` block of the file at `fileUrl` with `body` (with `checkOnly`, only compares);
 * whether the block's contents differed. A file without that block is an error.
 */
export async function rewriteSection(fileUrl, name, body, { checkOnly = false } = {}) {
  const text = await readFile(fileUrl, 'utf8')
  const next = withSection(text, name, body)
  if (next === undefined) throw new Error(`${fileUrl.pathname} has no <!-- ${name}:start --> … <!-- ${name}:end --> block`)
  if (next === text) return false
  if (!checkOnly) await writeFile(fileUrl, next)
  return true
}
