import type { OtpDelivery, OtpSender } from '@resetkit/core'
import { secureEndpoint } from '@resetkit/core/internal'
import twilio from 'twilio'
import { twilioFailure } from './errors.js'

export interface TwilioSmsOptions {
  readonly accountSid: string
  readonly authToken: string
  /** Your Twilio number (E.164), or use `messagingServiceSid`. */
  readonly from?: string
  readonly messagingServiceSid?: string
  /** Named in the message. */
  readonly appName: string
  /** The text; default "<code> is your <app> code. It expires in <n> minutes. Do not share it." */
  readonly body?: (delivery: OtpDelivery, minutes: number) => string
  /** Twilio's edge and region (`edge: 'singapore', region: 'sg1'`), for data residency. */
  readonly edge?: string
  readonly region?: string
  /** Default 10 s; Twilio's own retries are off, so a slow answer fails once, in bounded time. */
  readonly timeoutMs?: number
  /** Another API base (`http://127.0.0.1:<port>` for a local test server, or a proxy); HTTPS, or HTTP on loopback. */
  readonly apiBaseUrl?: string
  readonly now?: () => number
}

type RequestOptions<TData> = Parameters<typeof twilio.RequestClient.prototype.request<TData>>[0]
type RequestResponse<TData> = Awaited<ReturnType<typeof twilio.RequestClient.prototype.request<TData>>>

/** Twilio's RequestClient with its API host swapped for `base` (tests, proxies). */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly base: string,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options)
  }
  override request<TData>(options: RequestOptions<TData>): Promise<RequestResponse<TData>> {
    return super.request<TData>({ ...options, uri: options.uri.replace(/^https:\/\/api(?:\.[a-z0-9-]+)*\.twilio\.com/, this.base) })
  }
}


/**
 * Codes by SMS through Twilio Programmable Messaging (`messages.create`, the official SDK),
 * with our own code in the text (Twilio Verify would make its own). Numbers go as E.164, as
 * Twilio asks, which is how resetkit normalises them.
 *
 * @example
 * const sms = createTwilioSmsSender({ accountSid: 'AC…', authToken: process.env.TWILIO_AUTH_TOKEN!, from: '+15005550006', appName: 'Acme' })
 */
export function createTwilioSmsSender(options: TwilioSmsOptions): OtpSender {
  if ((options.from === undefined) === (options.messagingServiceSid === undefined)) throw new TypeError('give exactly one of from and messagingServiceSid')
  const requestOptions = { timeout: options.timeoutMs ?? 10_000, autoRetry: false }
  const client = twilio(options.accountSid, options.authToken, {
    httpClient: options.apiBaseUrl === undefined ? new twilio.RequestClient(requestOptions) : new RebasedRequestClient(secureEndpoint('apiBaseUrl', options.apiBaseUrl).origin, requestOptions),
    ...(options.edge === undefined ? {} : { edge: options.edge }),
    ...(options.region === undefined ? {} : { region: options.region }),
  })
  const now = options.now ?? Date.now
  const body = options.body ?? ((delivery: OtpDelivery, minutes: number) => `${delivery.code} is your ${options.appName} code. It expires in ${minutes} minute${minutes === 1 ? '' : 's'}. Do not share it.`)

  return {
    async send(delivery) {
      if (delivery.channel !== 'phone_number') throw new TypeError('createTwilioSmsSender sends SMS only; route email to an email sender')
      const minutes = Math.max(1, Math.round((delivery.expiresAt - now()) / 60_000))
      try {
        await client.messages.create({
          to: delivery.to,
          body: body(delivery, minutes),
          ...(options.from === undefined ? {} : { from: options.from }),
          ...(options.messagingServiceSid === undefined ? {} : { messagingServiceSid: options.messagingServiceSid }),
        })
      } catch (error) {
        throw twilioFailure(error)
      }
    },
  }
}
