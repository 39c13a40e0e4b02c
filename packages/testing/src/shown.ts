import { inspect } from 'node:util'

/**
 * Everything a failure could show a log or a client: its string form, what `util.inspect`
 * prints (cause chain, hidden properties and stack included) and its JSON. A no-secrets test
 * asserts a secret is in none of it.
 *
 * @example
 * expect(everythingShownOf(error)).not.toContain(code)
 */
export function everythingShownOf(error: unknown): string {
  return `${String(error)} ${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)}`
}
