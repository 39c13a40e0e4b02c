import type { WindowBudget } from './ports.js'

/** The limits are on by default, so their budget must be given: no silent fallback to none. */
export function windowsFor(windows: WindowBudget | undefined, option: string): WindowBudget {
  if (windows === undefined) throw new TypeError(`${option} need a WindowBudget: pass \`windows\` (e.g. createMemoryWindowBudget()), or ${option}: false`)
  return windows
}
