const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * An endpoint an adapter fetches keys, verdicts or deliveries from: HTTPS, or plain HTTP on
 * loopback only (a local test server, a sidecar). Anything else could be read or rewritten on
 * the way, so it is refused at start-up, naming the option.
 */
export function secureEndpoint(name: string, value: string | URL): URL {
  const url = new URL(value)
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url
  throw new TypeError(`${name} must be an https:// URL (plain http is allowed on loopback only)`)
}
