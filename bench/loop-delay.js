// Reading a monitorEventLoopDelay histogram: shared by the bench server and the machine-pause
// watcher, so the two figures the event-loop test sets side by side come from one instrument.

/** How many loop iterations were delayed by `thresholdMs` or more, read off the percentiles. */
export function iterationsDelayedAtLeast(histogram, thresholdMs) {
  let firstPercentileOver = 100
  for (const [percentile, value] of histogram.percentiles) {
    if (value >= thresholdMs * 1e6) {
      firstPercentileOver = percentile
      break
    }
  }
  return Math.round((histogram.count * (100 - firstPercentileOver)) / 100)
}
