// For probes that measure several variants in rounds: the host drifts within a minute, so each
// round runs the variants in turn, every other round in reverse, and a variant's figure is the
// mean of its rounds.

/** `items` in the order round `round` runs them: as given, then reversed, and so on. */
export const inTurn = (items, round) => (round % 2 === 0 ? items : [...items].reverse())

export const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length
