let pending = ''
let flushesOnExit = false

function flush(): void {
  const lines = pending
  pending = ''
  if (lines !== '') process.stdout.write(lines)
}

/**
 * Writes one line to stdout as it is. The demo's stand-ins print a line for every code, notice
 * and session change; console.log would format it and look up the colour settings in the
 * environment each time, for a line that needs neither. Lines printed in one turn of the event
 * loop go out together, in one write as it ends: a reset prints its notice and sessions lines in
 * the same turn, and each write to a pipe wakes its reader. A line printed just before the
 * process exits (process.exit, or an uncaught error) is still written, on 'exit'.
 */
export function printLine(line: string): void {
  if (pending === '') process.nextTick(flush)
  pending += `${line}\n`
  if (!flushesOnExit) {
    flushesOnExit = true
    process.once('exit', flush)
  }
}
