// How one hashAndCompare is cut into tasks for the worker threads.

/**
 * `compare` spread over at most `threads` tasks so that, counting the hash as one more run in
 * the last task, no task has more than one run more than another: with 5 comparisons on 2
 * threads, 3 and 2 + the hash.
 */
export function sharesOf(compare: readonly string[], threads: number): string[][] {
  const runs = compare.length + 1
  const tasks = Math.min(threads, runs)
  const shares: string[][] = []
  let next = 0
  for (let task = 0; task < tasks; task++) {
    const size = Math.floor(runs / tasks) + (task < runs % tasks ? 1 : 0) - (task === tasks - 1 ? 1 : 0)
    shares.push(compare.slice(next, next + size))
    next += size
  }
  return shares
}
