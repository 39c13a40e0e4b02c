// Cold import of @resetkit/core in a fresh process, next to a bare node start, median of 7.
import { execFileSync } from 'node:child_process'

const time = (code) =>
  Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url), encoding: 'utf8' }).trim())

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]

export function coldImport() {
  const core = median(Array.from({ length: 7 }, () => time("const t = performance.now(); await import('@resetkit/core'); console.log(performance.now() - t)")))
  // The phone library loads with core, not on first use: the first number parsed shows it.
  const firstPhone = median(Array.from({ length: 7 }, () => time("const { normalisePhoneNumber } = await import('@resetkit/core'); const t = performance.now(); normalisePhoneNumber('13800000001', 'CN'); console.log(performance.now() - t)")))
  const neverthrow = median(Array.from({ length: 7 }, () => time("const t = performance.now(); await import('neverthrow'); console.log(performance.now() - t)")))
  return { coreMs: core, neverthrowMs: neverthrow, firstPhoneMs: firstPhone }
}
