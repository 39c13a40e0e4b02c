import { err, ok, type Result } from 'neverthrow'
import { invalidRequest, type InvalidRequestError } from './invalid-request.js'

export type Fields = Readonly<Record<string, unknown>>

/** Accepts only a plain JSON object; arrays, null and class instances are not request bodies. */
export function asFields(input: unknown): Result<Fields, InvalidRequestError> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err(invalidRequest('body', 'The body must be a JSON object.'))
  }
  return ok(input as Fields)
}

/** Own properties only: an inherited or prototype-polluted key is never read as input. */
export function isPresent(fields: Fields, name: string): boolean {
  return Object.hasOwn(fields, name) && fields[name] !== undefined && fields[name] !== null
}

export function readString(fields: Fields, name: string, maxLength: number): Result<string, InvalidRequestError> {
  if (!isPresent(fields, name)) return err(invalidRequest(name, `${name} is required.`))
  const value = fields[name]
  if (typeof value !== 'string') return err(invalidRequest(name, `${name} must be a string.`))
  if (value.length === 0) return err(invalidRequest(name, `${name} must not be empty.`))
  if (value.length > maxLength) return err(invalidRequest(name, `${name} must be at most ${maxLength} characters.`))
  return ok(value)
}
