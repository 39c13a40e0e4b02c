// Reads Stryker's JSON report (reports/mutation/mutation.json) and writes the score per package,
// with its counts and the number of equivalent-mutant marks, into the README between
// <!-- mutation:start --> and <!-- mutation:end -->. Run by `pnpm mutation` after Stryker.
import { readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'

const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'))
const packageOf = (file) => /packages\/([^/]+)\//.exec(file)?.[1] ?? 'other'
const counts = new Map()
for (const [file, { mutants }] of Object.entries(report.files)) {
  const row = counts.get(packageOf(file)) ?? { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 }
  for (const mutant of mutants) row[mutant.status] = (row[mutant.status] ?? 0) + 1
  counts.set(packageOf(file), row)
}

// Equivalent mutants are marked in the sources with `// Stryker disable ... : <reason>`.
const marks = (pkg) => {
  const found = execFileSync('git', ['grep', '-c', 'Stryker disable', '--', `packages/${pkg}/src`], { encoding: 'utf8' }).trim()
  return found === '' ? 0 : found.split('\n').reduce((sum, line) => sum + Number(line.split(':').pop()), 0)
}
const safeMarks = (pkg) => { try { return marks(pkg) } catch { return 0 } }

const score = (c) => (100 * (c.Killed + c.Timeout)) / (c.Killed + c.Timeout + c.Survived + c.NoCoverage)
const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([pkg, c]) =>
  `| @resetkit/${pkg} | **${score(c).toFixed(1)} %** | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${safeMarks(pkg)} |`)
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm mutation\` (Stryker ${report.frameworkVersion ?? ''}${report.framework?.version ?? ''}, vitest runner, per-test coverage).`.replace(' ,', ','),
  '',
  '| package | mutation score | killed | timed out | survived | not covered | equivalent marks |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
].join('\n')
console.log(table)

const readme = readFileSync('README.md', 'utf8')
const start = '<!-- mutation:start -->'
const end = '<!-- mutation:end -->'
if (!readme.includes(start)) throw new Error(`README.md has no ${start} marker`)
writeFileSync('README.md', readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`))
