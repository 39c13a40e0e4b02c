// `pnpm bench`: prints a table and writes bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { policyWorstCase } from './policy-worst-case.js'

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`
const date = new Date().toISOString().slice(0, 10)
const policy = await policyWorstCase()

console.log(`resetkit bench — ${date} — ${machine}\n`)
console.log('| policy over adversarial passwords | passwords | worst check (ms) | event-loop delay max (ms) |')
console.log('| --- | ---: | ---: | ---: |')
for (const row of policy) {
  console.log(`| ${row.label} | ${row.passwords} | ${row.worstCallMs.toFixed(1)} | ${row.loopDelayMaxMs.toFixed(1)} |`)
}
await mkdir(new URL('./results/', import.meta.url), { recursive: true })
await writeFile(new URL('./results/latest.json', import.meta.url), JSON.stringify({ date, machine, policy }, null, 2))
