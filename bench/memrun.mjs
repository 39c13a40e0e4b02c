import { startBenchServer } from './server-client.js'
import { resetLoad } from './reset-load.js'
const server = await startBenchServer({ BENCH_USERS: '64', PASSWORD_HISTORY: process.env.N ?? '0', LOOP_DELAY_RESOLUTION_MS: '10', ...JSON.parse(process.argv[2] ?? '{}') })
const idle = await server.stats()
await resetLoad(server, { concurrency: 8, seconds: 3 })
const warm = await server.stats()
const r = await resetLoad(server, { concurrency: 64, seconds: 6 })
const peak = await server.stats()
console.log(`idle ${idle.rssMiB.toFixed(0)} warm ${warm.rssMiB.toFixed(0)} peak ${peak.peakRssMiB.toFixed(0)} now ${peak.rssMiB.toFixed(0)} MiB; heap ${peak.heapUsedMiB.toFixed(0)}/${peak.heapTotalMiB.toFixed(0)}; resets/s ${r.resetsPerSecond.toFixed(1)}`)
await server.stop()
