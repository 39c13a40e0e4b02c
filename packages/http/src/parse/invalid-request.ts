/**
 * The request itself is malformed; `field` names the first offending input field. Only the
 * parser produces it: the use cases receive commands that are well formed by construction.
 */
export interface InvalidRequestError {
  readonly code: 'invalid_request'
  readonly field: string
  readonly description: string
}

export const invalidRequest = (field: string, description: string): InvalidRequestError => ({
  code: 'invalid_request',
  field,
  description,
})
