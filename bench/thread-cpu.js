// CPU time of this process's threads, by kind, from /proc (Linux; elsewhere null): the event
// loop (tid = pid), resetkit's worker threads (argon2id and zxcvbn, the ones that lowered their
// own priority), and the rest (V8's GC and compiler threads, libuv). It shows where a reset's
// CPU goes, and so what separates the measured rate from the argon2id bound.
import { readdirSync, readFileSync } from 'node:fs'
import { getPriority } from 'node:os'

const TICKS_PER_SECOND = 100 // USER_HZ, fixed on Linux

export function threadCpuMs() {
  let tasks
  try {
    tasks = readdirSync('/proc/self/task')
  } catch {
    return null
  }
  const mainNice = getPriority(0)
  const totals = { eventLoopMs: 0, workersMs: 0, otherMs: 0 }
  for (const tid of tasks) {
    let stat
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    } catch {
      continue // the thread ended between the two reads
    }
    // Fields after the parenthesised name: state is field 3, utime 14, stime 15, nice 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
    const kind = Number(tid) === process.pid ? 'eventLoopMs' : Number(fields[16]) > mainNice ? 'workersMs' : 'otherMs'
    totals[kind] += ms
  }
  return totals
}
