import { createHash } from 'node:crypto'

/** The range-API line that lists `password` as seen `count` times, and the prefix it belongs to. */
export function rangeLineFor(password: string, count = 1): { readonly prefix: string; readonly line: string } {
  const hash = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase()
  return { prefix: hash.slice(0, 5), line: `${hash.slice(5)}:${count}` }
}
