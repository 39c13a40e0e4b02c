/** One ```ts block of a README: where it is, the file name it asks for (```ts resetkit.ts), and its text. */
export interface Snippet {
  readonly readme: string
  /** 1-based line of the first line of code. */
  readonly line: number
  readonly file: string
  readonly code: string
}

const FENCE = /^```ts(?:\s+([\w./-]+\.ts))?\s*$/

/** The ```ts blocks of one README; an unnamed block becomes `snippet-<line>.ts`. */
export function extractSnippets(readme: string, text: string): Snippet[] {
  const snippets: Snippet[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '')
    if (open === null) continue
    const start = i + 1
    let end = start
    while (end < lines.length && lines[end] !== '```') end++
    snippets.push({ readme, line: start + 1, file: open[1] ?? `snippet-${start + 1}.ts`, code: lines.slice(start, end).join('\n') })
    i = end
  }
  return snippets
}
