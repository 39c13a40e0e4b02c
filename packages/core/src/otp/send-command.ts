import type { Identifier, OtpUsage } from '../ports.js'

/** A send request whose shape is known good (the wire format is `@resetkit/http`'s to parse). */
export interface SendOtpCommand {
  /** The client that authenticated the request. */
  readonly clientId: string
  readonly usage: OtpUsage
  readonly identifier: Identifier
  /** The language the requester prefers (a BCP 47 tag, e.g. from Accept-Language), for the message. */
  readonly locale?: string
  /** Where the request came from, when the transport knows: `network` keys the network budget. */
  readonly source?: { readonly ip: string; readonly network: string }
  /** The token the `HumanCheck` port verifies, as the request carried it. */
  readonly humanCheckToken?: string
}
