// `node scripts/worst-case-sends.mjs`: writes the README's worst-case send table from the
// defaults `sendWorstCase()` reads (build first); `--check` fails if the README is stale.
import { sendWorstCase } from '@resetkit/core'
import { rewriteSection } from './readme-section.mjs'

const worst = sendWorstCase()
const n = (value) => value.toLocaleString('en-US')
const bound = ({ hour, day }) => `${n(hour)} | ${n(day)}`
const SHOWN = '`packages/hardening/test/worst-case-sends.test.ts`'
const table = [
  '| delivered, at most | per hour | per day | bounded by |',
  '| --- | --- | --- | --- |',
  `| to one victim (an email address or a phone number), via every client and usage | ${bound(worst.perVictim)} | the inbox caps (one flow alone: 60 s apart, 10 an hour) |`,
  `| from one source network (IPv4 /24, IPv6 /56) | ${bound(worst.perNetwork)} | the network budget |`,
  `| through one client: SMS | ${bound(worst.perClient.phone_number)} | the client's SMS budget |`,
  `| through one client: email | ${bound(worst.perClient.email)} | the client's email budget |`,
  `| SMS into one region (${worst.perRegion.regions.join(', ')}; none into any other) | ${bound(worst.perRegion)} | the global SMS budget, the region allow-list |`,
  `| in total: SMS | ${bound(worst.total.phone_number)} | the global SMS budget |`,
  `| in total: email | ${bound(worst.total.email)} | the global email budget |`,
  `| in total | ${bound(worst.total.all)} | |`,
  '',
  `Shown by ${SHOWN}, which reaches each figure with the defaults and never one more.`,
].join('\n')

const checkOnly = process.argv.includes('--check')
const changed = await rewriteSection(new URL('../README.md', import.meta.url), 'worst-case', table, { checkOnly })
if (changed && checkOnly) {
  console.error('README.md: the worst-case send table is stale; run `pnpm run figures`')
  process.exit(1)
}
if (changed) console.log('README.md: worst-case send table written')
