// `node bench/hidden-classes.js`: the hidden classes (V8 maps) the demo still creates per reset
// once warm, by the field whose addition made each, from V8's map log (--log-maps). A warm
// server should create none: one that does gives some object a shape of its own on every
// request, and each property access to it misses its inline cache. On Node 20's V8 that is what
// happens to an object that gains a field after its prototype was swapped (Express's requests,
// before expressServerOptions()) or after a leading spread (`{ ...draft, at }`).
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resetLoad } from './reset-load.js'
import { DEMO_NODE_FLAGS, startBenchServer } from './server-client.js'

const LOG = join(tmpdir(), `resetkit-maps-${process.pid}.log`)
const server = await startBenchServer({ BENCH_USERS: '8', PASSWORD_HISTORY: '5' }, [...DEMO_NODE_FLAGS, '--log-maps', '--no-log-maps-details', `--logfile=${LOG}`, '--no-logfile-per-isolate'])
// Shorter than the bench's warm-up: the log grows with every map, and code is warm well before.
await resetLoad(server, { concurrency: 8, seconds: Number(process.env.WARM_UP_SECONDS ?? 15) })
const logged = () => readFileSync(LOG, 'latin1')
const start = logged().length
const { resets } = await resetLoad(server, { concurrency: 8, seconds: 5 })
const window = logged().slice(start)
await server.stop()
rmSync(LOG, { force: true })

// map,Transition,time,from,to,pc,line,column,reason,name: `name` is the field added.
const byField = new Map()
for (const line of window.split('\n')) {
  if (!line.startsWith('map,Transition,')) continue
  const field = line.split(',').slice(9).join(',')
  byField.set(field, (byField.get(field) ?? 0) + 1)
}
console.log(`hidden classes created per reset after the warm-up, over ${resets} resets (N = 5, concurrency 8):`)
const rows = [...byField].map(([field, count]) => [field, count / resets]).filter(([, perReset]) => perReset >= 0.05)
for (const [field, perReset] of rows.sort((a, b) => b[1] - a[1])) console.log(`${perReset.toFixed(2).padStart(6)}  adding ${field || '(no field)'}`)
if (rows.length === 0) console.log('  none')
