// CPU time of this process's threads, by kind, from /proc (Linux; elsewhere null): the event
// loop (tid = pid), resetkit's worker threads (argon2id and zxcvbn, the ones that lowered their
// own priority), and the rest (V8's GC and compiler threads, libuv). It shows where a reset's
// CPU goes, and so what separates the measured rate from the argon2id bound.
import { readdirSync, readFileSync } from 'node:fs'
import { getPriority } from 'node:os'

const TICKS_PER_SECOND = 100 // USER_HZ, fixed on Linux

/** A /proc stat time field (utime, stime) in ms: the kernel counts them in USER_HZ ticks. */
export const ticksToMs = (ticks) => (Number(ticks) * 1000) / TICKS_PER_SECOND

/**
 * A /proc/…/stat line's fields after the parenthesised name (which may hold spaces): proc(5)'s
 * field n is at index n − 3, so minflt (10) is 7, utime (14) 11, stime (15) 12, nice (19) 16.
 */
export const statFields = (stat) => stat.slice(stat.lastIndexOf(')') + 2).split(' ')

/** A thread's schedstat fields in ms (run time, run-queue wait), or null where the kernel keeps none. */
function schedstatMs(tid) {
  try {
    return readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').slice(0, 2).map((ns) => Number(ns) / 1e6)
  } catch {
    return null
  }
}

/**
 * A thread's CPU in ms: schedstat's run time where the kernel has schedstats; stat's utime +
 * stime come in 10 ms ticks, too coarse for a fraction of a ms a request.
 */
const runMs = (tid, fields) => schedstatMs(tid)?.[0] ?? ticksToMs(fields[11]) + ticksToMs(fields[12])

/**
 * How long the event loop (tid = pid) has waited for a core in ms: schedstat's second field,
 * the time it was runnable but not running (null where the kernel keeps no schedstats). It is
 * not CPU: it is what a request waits, on a woken thread, for another thread to leave the core.
 */
export const eventLoopWaitMs = () => schedstatMs(process.pid)?.[1] ?? null

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
    const fields = statFields(stat)
    const kind = Number(tid) === process.pid ? 'eventLoopMs' : Number(fields[16]) > mainNice ? 'workersMs' : 'otherMs'
    totals[kind] += runMs(tid, fields)
  }
  return totals
}
