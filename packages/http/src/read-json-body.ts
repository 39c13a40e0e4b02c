import { err, ok, type Result } from 'neverthrow'
import { wireError, type WireError } from './http-errors.js'
import type { HttpBody, HttpHeaders } from './http-types.js'

/** Only `application/json`, in UTF-8 (the default) if a charset is named. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase())
  if (type !== 'application/json') return false
  const charset = params.find((param) => param.startsWith('charset='))
  return charset === undefined || ['charset=utf-8', 'charset="utf-8"'].includes(charset)
}

/** The request body as a JSON object, or the error the transport must answer with. */
export function readJsonObject(headers: HttpHeaders, body: HttpBody): Result<Readonly<Record<string, unknown>>, WireError> {
  if (body.kind === 'too_large') return err(wireError('payload_too_large', 'The body is too large.'))
  if (!isJsonContentType(headers['content-type'])) {
    return err(wireError('unsupported_media_type', 'The body must be application/json.'))
  }
  let value: unknown
  try {
    value = JSON.parse(body.text)
  } catch {
    return err(wireError('invalid_request', 'The body is not valid JSON.'))
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err(wireError('invalid_request', 'The body must be a JSON object.'))
  }
  return ok(value as Record<string, unknown>)
}
