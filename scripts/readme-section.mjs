// The generated blocks of the READMEs: a table between `<!-- name:start -->` and
// `<!-- name:end -->`, rewritten by the command that measures it (bench, figures, mutation).

/** `text` with the `name` block's contents replaced by `body`, or undefined when it has no such block. */
export function withSection(text, name, body) {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const block = new RegExp(`${start}[\\s\\S]*?${end}`)
  if (!block.test(text)) return undefined
  // A function, so a `$` in the body is written as it is, never read as a replacement pattern.
  return text.replace(block, () => `${start}\n${body}\n${end}`)
}
