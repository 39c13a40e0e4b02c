// `node bench/handoff-floor-probe.js`: how much of the demo's event-loop CPU per reset its
// worker hand-offs alone cost on this machine. The bare node:http server (bench/bare-http.js)
// at each pace in RATES, beside the bench's argon2id threads, first as it is, then making a
// reset's worker round trips as the demo does (HANDOFFS, default "1,2": the strength check,
// then the two argon2id shares at once, as at N = 5) with tasks that only echo. In turn, ROUNDS
// times; the difference is the floor the hand-offs add before any of resetkit's own code.
import { bareHttpFloor } from './bare-http.js'
import { inTurn, mean } from './in-turn.js'

const RATES = (process.env.RATES ?? '35,100').split(',').map(Number)
const HANDOFFS = (process.env.HANDOFFS ?? '1,2').split(',').map(Number)
const ROUNDS = Number(process.env.ROUNDS ?? 2)
const SECONDS = Number(process.env.SECONDS ?? 10)
const CONCURRENCY = 8

const servers = { bare: undefined, 'with hand-offs': HANDOFFS }
const results = new Map(RATES.flatMap((rate) => Object.keys(servers).map((name) => [`${rate} ${name}`, []])))
for (let round = 0; round < ROUNDS; round++) {
  for (const rate of RATES) {
    for (const name of inTurn(Object.keys(servers), round)) {
      const floor = await bareHttpFloor({ concurrency: CONCURRENCY, resetsPerSecond: rate, seconds: SECONDS, handOffs: servers[name] })
      results.get(`${rate} ${name}`).push(floor.eventLoopMs)
      console.log(`${rate} resets/s, ${name}: event loop ${floor.eventLoopMs.toFixed(3)} ms a reset`)
    }
  }
}
for (const rate of RATES) {
  const bare = mean(results.get(`${rate} bare`))
  const handedOff = mean(results.get(`${rate} with hand-offs`))
  console.log(`${rate} resets/s: the bare server ${bare.toFixed(3)} ms a reset; with the hand-offs (${HANDOFFS.join(', then ')}) ${handedOff.toFixed(3)}: they add ${(handedOff - bare).toFixed(3)}`)
}
