/** An option that must be a whole number ≥ 1: refused at construction, naming the option. */
export function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a whole number ≥ 1, got ${value}`)
  return value
}
