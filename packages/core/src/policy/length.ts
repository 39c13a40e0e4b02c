import { codePointLength, type PolicyViolation } from './rule.js'

export interface LengthBounds {
  readonly min: number
  readonly max: number
}

export function lengthViolations(password: string, { min, max }: LengthBounds): PolicyViolation[] {
  const length = codePointLength(password)
  if (length < min) {
    return [{ rule: 'min_length', params: { min }, message: `Must be at least ${min} characters long.` }]
  }
  if (length > max) {
    return [{ rule: 'max_length', params: { max }, message: `Must be at most ${max} characters long.` }]
  }
  return []
}
