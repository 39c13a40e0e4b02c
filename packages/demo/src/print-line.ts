/**
 * Writes one line to stdout as it is. The demo's stand-ins print a line for every code, notice
 * and session change; console.log would format it and look up the colour settings in the
 * environment each time, for a line that needs neither.
 */
export function printLine(line: string): void {
  process.stdout.write(`${line}\n`)
}
