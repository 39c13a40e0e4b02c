// `node bench/argon2-thp-probe.js` (Linux): what transparent huge pages are worth to argon2id.
// @node-rs/argon2 allocates its 19 MiB through its own mimalloc, which maps it afresh for every
// hash and returns it after (no mimalloc option tried kept it: purge_delay -1, reserve_os_memory,
// arena_eager_commit, purge_decommits 0), so the kernel zeroes 19 MiB a hash on page faults.
// mimalloc asks for huge pages (MADV_HUGEPAGE, its allow_thp option), which Linux grants when THP
// is `madvise` or `always` (/sys/kernel/mm/transparent_hugepage/enabled): then ~10 faults of
// 2 MiB, else one per 4 KiB page. MIMALLOC_ALLOW_THP=0 shows a host with THP `never`. Each
// variant hashes in a fresh process, in turn, ROUNDS times; medians per hash.
import { hashSync } from '@node-rs/argon2'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { BENCH_ARGON2ID } from './argon2-bound.js'
import { inTurn, median } from './in-turn.js'
import { statFields, ticksToMs } from './thread-cpu.js'

const HASHES = 40
const ROUNDS = Number(process.env.ROUNDS ?? 3)

/** This thread's page faults and CPU (ms) so far, from /proc (utime and stime come in 10 ms ticks). */
function threadUsage() {
  const fields = statFields(readFileSync('/proc/thread-self/stat', 'utf8'))
  return { faults: Number(fields[7]), userMs: ticksToMs(fields[11]), systemMs: ticksToMs(fields[12]) }
}

if (process.argv[2] === 'child') {
  for (let i = 0; i < 5; i++) hashSync(`warm-${i}`, BENCH_ARGON2ID)
  const before = threadUsage()
  const started = performance.now()
  for (let i = 0; i < HASHES; i++) hashSync(`password-${i}`, BENCH_ARGON2ID)
  const wallMs = performance.now() - started
  const after = threadUsage()
  const perHash = (key) => (after[key] - before[key]) / HASHES
  console.log(JSON.stringify({ ms: wallMs / HASHES, faults: perHash('faults'), userMs: perHash('userMs'), systemMs: perHash('systemMs') }))
} else {
  const variants = { 'huge pages (mimalloc default)': {}, 'no huge pages (MIMALLOC_ALLOW_THP=0)': { MIMALLOC_ALLOW_THP: '0' } }
  const runs = Object.fromEntries(Object.keys(variants).map((name) => [name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of inTurn(Object.keys(variants), round)) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'child'], { env: { ...process.env, ...variants[name] }, encoding: 'utf8' })
      if (child.status !== 0) throw new Error(child.stderr)
      runs[name].push(JSON.parse(child.stdout))
    }
  }
  const thp = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8').match(/\[(\w+)\]/)?.[1]
  console.log(`argon2id m=19456 KiB, t=2, p=1, ${HASHES} hashes a process on one thread, medians of ${ROUNDS}; this host's THP: ${thp}`)
  console.log('| memory | ms a hash | page faults a hash | user / system CPU a hash (ms) |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const [name, results] of Object.entries(runs)) {
    const of = (key) => median(results.map((result) => result[key]))
    console.log(`| ${name} | ${of('ms').toFixed(2)} | ${of('faults').toFixed(0)} | ${of('userMs').toFixed(2)} / ${of('systemMs').toFixed(2)} |`)
  }
}
