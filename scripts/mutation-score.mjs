// Reads Stryker's JSON report (reports/mutation/mutation.json) and writes the score per package,
// with its counts and the number of mutants marked equivalent, into the README between
// <!-- mutation:start --> and <!-- mutation:end -->. Run by `pnpm mutation` after Stryker.
import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { rewriteSection } from './readme-section.mjs'

const report = JSON.parse(readFileSync(process.env.MUTATION_REPORT ?? 'reports/mutation/mutation.json', 'utf8'))
const packageOf = (file) => /packages\/([^/]+)\//.exec(file)?.[1] ?? 'other'
const counts = new Map()
for (const [file, { mutants }] of Object.entries(report.files)) {
  const row = counts.get(packageOf(file)) ?? { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 }
  for (const mutant of mutants) row[mutant.status] = (row[mutant.status] ?? 0) + 1
  counts.set(packageOf(file), row)
}

// Equivalent mutants are marked in the sources with `// Stryker disable ... : <reason>`; the
// report lists the mutants those marks cover as Ignored, so the count matches the run measured.
// The commit is the one `pnpm mutation` started from (reports/mutation/commit).
const commitOf = () => { try { return readFileSync('reports/mutation/commit', 'utf8').trim().slice(0, 7) } catch { return 'unknown' } }

// A run with --mutate covers part of a package: say which files, so a partial score is never
// read as the package's.
const EXCLUDED = /\/(index|internal|ports|http-types)\.ts$/
const sourcesOf = (pkg) => execFileSync('git', ['ls-files', `packages/${pkg}/src/*.ts`, `packages/${pkg}/src/**/*.ts`], { encoding: 'utf8' }).split('\n').filter((f) => f !== '' && !EXCLUDED.test(f))
const filesIn = (pkg) => Object.keys(report.files).filter((file) => packageOf(file) === pkg)

const score = (c) => (100 * (c.Killed + c.Timeout)) / (c.Killed + c.Timeout + c.Survived + c.NoCoverage)
const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([pkg, c]) =>
  `| @resetkit/${pkg} | ${filesIn(pkg).length} of ${sourcesOf(pkg).length} | **${score(c).toFixed(1)} %** | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.Ignored} |`)
// Sources absent from the report: either outside a partial run (--mutate) or with nothing to
// mutate (types only). Named, so a partial score is never read as the package's.
const absent = [...counts.keys()].map((pkg) => [pkg, sourcesOf(pkg).filter((file) => !filesIn(pkg).includes(file))]).filter(([, files]) => files.length > 0)
const scope = absent.length === 0 ? [] : ['', `Not in this report (outside the run, or nothing to mutate): ${absent.map(([pkg, files]) => `@resetkit/${pkg} ${files.map((f) => f.replace(`packages/${pkg}/src/`, '')).join(', ')}`).join('; ')}.`]
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} at commit ${commitOf()} by Stryker ${report.framework?.version ?? ''} (vitest runner, per-test coverage); score = (killed + timed out) / (killed + timed out + survived + not covered).`,
  '',
  '| package | files mutated | mutation score | killed | timed out | survived | not covered | marked equivalent |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  ...scope,
].join('\n')
console.log(table)

await rewriteSection(new URL('../README.md', import.meta.url), 'mutation', table)
