/** Header names are lower-case; a header sent twice arrives joined or as its first value. */
export type HttpHeaders = Readonly<Record<string, string | undefined>>

/**
 * What a transport hands over. The body is either the raw text (read by the transport within
 * the size limit) or a note that it was too large. Never a value a host framework parsed:
 * its limit, its errors and its notion of JSON would replace the contract's.
 */
export type HttpBody = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'too_large' }

export interface HttpRequest {
  readonly method: string
  readonly path: string
  readonly headers: HttpHeaders
  readonly body: HttpBody
  /** The caller's IP as the transport sees it (after any proxy handling it does), if known. */
  readonly clientIp?: string
}

export interface HttpResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** Empty for a successful reset; JSON text otherwise. */
  readonly body: string
}
