/** One line of a range response: `<35 hex characters of SHA-1 suffix>:<times seen>`. */
const LINE = /^([0-9A-F]{35}):(\d{1,12})$/i

/**
 * How many times `suffix` was seen, from a whole range response; 0 when absent. Padding lines
 * (count 0) read as absent. Any line out of format makes the whole body an error, so a proxy's
 * HTML page or a truncated body is never taken for "not breached".
 */
export function timesSeenIn(body: string, suffix: string): number {
  let seen = 0
  let lines = 0
  for (const raw of body.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line === '') continue
    const match = LINE.exec(line)
    if (match === null) throw new Error(`range response line ${lines + 1} is not SUFFIX:COUNT`)
    lines++
    if (match[1]?.toUpperCase() === suffix) seen = Number(match[2])
  }
  if (lines === 0) throw new Error('range response is empty')
  return seen
}
