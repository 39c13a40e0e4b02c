// For probes that measure several variants in rounds: the host drifts within a minute, so each
// round runs the variants in turn, every other round in reverse, and a variant's figure is the
// mean of its rounds. The median is here too, for every figure the bench reports as one: a
// level's ratio (reset-load.js), a cold import (cold-import.js), a probe's checks.

/** `items` in the order round `round` runs them: as given, then reversed, and so on. */
export const inTurn = (items, round) => (round % 2 === 0 ? items : [...items].reverse())

export const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length

/** The middle value (the mean of the two middle ones for an even count); `values` is left as it was. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
