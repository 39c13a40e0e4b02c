// `pnpm bench:profile`: where a reset's event-loop CPU goes. Runs the bench server with V8's
// sampling profiler for a load window, then adds each sample's self time to the part of the
// stack it belongs to (Express, pino, resetkit's own packages, the worker pool's hand-offs, Node's
// HTTP and streams, JSON, GC…) and reports milliseconds per reset. Writes the README table
// between <!-- profile:start --> and <!-- profile:end -->.
import { rewriteSection } from '../scripts/readme-section.mjs'
import { resetLoad, warmUp } from './reset-load.js'
import { startBenchServer } from './server-client.js'
import { partOfUrl } from './profile-parts.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const server = await startBenchServer({ BENCH_USERS: '8', PASSWORD_HISTORY: '5' })
await warmUp(server)
await server.startProfile(250)
const measured = await resetLoad(server, { concurrency: 8, seconds: SECONDS })
const profile = await server.stopProfile()
// A second window for allocations: the heap profiler's own cost stays out of the CPU table.
const ALLOCATION_SAMPLE_BYTES = 4096
await server.startAllocationProfile(ALLOCATION_SAMPLE_BYTES)
const allocationWindow = await resetLoad(server, { concurrency: 8, seconds: SECONDS })
const allocations = await server.stopAllocationProfile()
await server.stop()

/** The part a frame belongs to; a frame with no URL of its own takes its caller's part. */
function partOfFrame({ url, functionName }, callerPart) {
  if (functionName === '(garbage collector)') return 'GC on the event loop'
  if (functionName === '(idle)' || functionName === '(program)') return functionName
  if (url !== '') return partOfUrl(url)
  return callerPart ?? 'V8 and native'
}
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
const partOf = new Map()
const classify = (id) => {
  if (partOf.has(id)) return partOf.get(id)
  let part = partOfFrame(byId.get(id).callFrame, parent.has(id) ? classify(parent.get(id)) : undefined)
  if (part === '(root)') part = 'V8 and native'
  partOf.set(id, part)
  return part
}
const selfUs = new Map()
const deltas = profile.timeDeltas
profile.samples.forEach((id, i) => {
  const part = classify(id)
  selfUs.set(part, (selfUs.get(part) ?? 0) + (deltas[i] ?? 0))
})
selfUs.delete('(idle)')
const perReset = [...selfUs].map(([part, us]) => [part, us / 1000 / Math.max(1, measured.resets)]).sort((a, b) => b[1] - a[1])
const total = perReset.reduce((sum, [, ms]) => sum + ms, 0)

// The heap profile is a tree of allocation sites; each node's selfSize is what was sampled there.
const allocatedBytes = new Map()
const addAllocations = (node, callerPart) => {
  const part = partOfFrame(node.callFrame, callerPart)
  allocatedBytes.set(part, (allocatedBytes.get(part) ?? 0) + node.selfSize)
  for (const child of node.children) addAllocations(child, part)
}
addAllocations(allocations.head, undefined)
const kibPerReset = [...allocatedBytes].map(([part, bytes]) => [part === '(root)' ? 'V8 and native' : part, bytes / 1024 / Math.max(1, allocationWindow.resets)]).filter(([, kib]) => kib >= 0.05).sort((a, b) => b[1] - a[1])
const totalKib = kibPerReset.reduce((sum, [, kib]) => sum + kib, 0)

const rows = [
  `Event-loop CPU of one reset (both requests) by part, from V8's sampling profiler (every 0.25 ms) over ${measured.resets} resets at concurrency 8, history N = 5, Express, every limit on as in \`pnpm bench\`; ${new Date().toISOString().slice(0, 10)}. The demo's three [dev-*] lines a reset (the code the load generator reads, the sessions, the notice) go out in two writes to a pipe (the last two in one): their streams count under Node's; the bench's own IPC (stats) is its own row; the profiler itself adds some of "(program)". The profiler samples the thread at intervals of wall time, so a call that waits in the kernel (a pipe write whose reader the kernel wakes and runs first) counts its wait too; \`perf\`, which counts only the CPU the thread ran, gives those writes much less.`,
  '',
  '| part | ms per reset | share |',
  '| --- | ---: | ---: |',
  ...perReset.map(([part, ms]) => `| ${part} | ${ms.toFixed(2)} | ${((100 * ms) / total).toFixed(0)} % |`),
  `| **total** | **${total.toFixed(2)}** | |`,
  '',
  `Memory allocated on the event loop per reset by part (what its scavenges sweep), from V8's sampling heap profiler (a sample every ${ALLOCATION_SAMPLE_BYTES / 1024} KiB, collected objects kept) over ${allocationWindow.resets} resets in a second window like the first:`,
  '',
  '| part | KiB allocated per reset | share |',
  '| --- | ---: | ---: |',
  ...kibPerReset.map(([part, kib]) => `| ${part} | ${kib.toFixed(1)} | ${((100 * kib) / totalKib).toFixed(0)} % |`),
  `| **total** | **${totalKib.toFixed(1)}** | |`,
]
if (process.env.PROFILE_DEBUG) {
  const urls = new Map()
  profile.samples.forEach((id, i) => {
    if (classify(id) !== 'Node other') return
    const { url, functionName } = byId.get(id).callFrame
    const key = `${url} ${functionName}`
    urls.set(key, (urls.get(key) ?? 0) + (deltas[i] ?? 0))
  })
  console.error([...urls].sort((a, b) => b[1] - a[1]).slice(0, 15))
  // The allocation sites of our code and neverthrow, each with the nearest resetkit caller.
  const sites = new Map()
  const walk = (node, caller) => {
    const { url, functionName, lineNumber } = node.callFrame
    const here = /packages\/|neverthrow/.test(url) ? `${url.replace(/.*\/(packages|node_modules)\//, '')}:${lineNumber + 1} ${functionName}` : caller
    const key = /packages\//.test(url) || caller === undefined ? here : `${here} ← ${caller}`
    if (here !== undefined && node.selfSize > 0) sites.set(key, (sites.get(key) ?? 0) + node.selfSize)
    for (const child of node.children) walk(child, /packages\//.test(url) ? here : caller)
  }
  walk(allocations.head, undefined)
  console.error([...sites].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([site, bytes]) => `${(bytes / 1024 / allocationWindow.resets).toFixed(1)} KiB ${site}`).join('\n'))
}
const table = rows.join('\n')
console.log(table)
await rewriteSection(new URL('../README.md', import.meta.url), 'profile', table)
