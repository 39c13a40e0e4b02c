// `node --expose-gc bench/window-budget-probe.js [module]`: the memory window budget's cost, with
// the demo's seven send windows per reservation at caps the bench never reaches: heap bytes held
// per reservation, and the time per reservation once a one-minute window of 6,000 entries is full
// and rolling on. [module]: another build's dist/window-budget.js, to compare.
const path = process.argv[2] ?? new URL('../packages/adapters-memory/dist/window-budget.js', import.meta.url).href
const { createMemoryWindowBudget } = await import(path)
const HOUR = 3_600_000
const DAY = 24 * HOUR
const open = (key, windowMs) => ({ key, cooldownMs: 0, maxPerWindow: 1e9, windowMs })
const sendWindows = (i) => [
  open(`resend:${i % 64}`, HOUR), open(`inbox-hour:${i % 64}`, HOUR), open(`inbox-day:${i % 64}`, DAY),
  open('network-hour', HOUR), open('network-day', DAY), open('client-day', DAY), open('global-day', DAY),
]
const T0 = Date.UTC(2026, 0, 1)

const held = createMemoryWindowBudget()
globalThis.gc()
const before = process.memoryUsage().heapUsed
for (let i = 0; i < 100_000; i++) await held.reserve({ now: T0 + i * 10, windows: sendWindows(i) })
globalThis.gc()
const bytesPerReservation = (process.memoryUsage().heapUsed - before) / 100_000
if (held.size() === 0) throw new Error('the windows were swept: nothing measured') // and keeps `held` alive to here

const rolling = createMemoryWindowBudget()
const minute = [{ key: 'global', cooldownMs: 0, maxPerWindow: 1e9, windowMs: 60_000 }]
for (let i = 0; i < 6000; i++) await rolling.reserve({ now: T0 + i * 10, windows: minute })
const started = performance.now()
for (let i = 6000; i < 36_000; i++) await rolling.reserve({ now: T0 + i * 10, windows: minute })
const usPerReserve = ((performance.now() - started) * 1000) / 30_000

console.log(`${bytesPerReservation.toFixed(0)} B held per reservation of 7 windows; ${usPerReserve.toFixed(2)} µs per reservation in a full, rolling window of 6,000 entries`)
