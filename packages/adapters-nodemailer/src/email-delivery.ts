import { PortUnavailableError, type Notifier, type OtpDelivery, type OtpSender, type PasswordChangedNotice } from '@resetkit/core'
import nodemailer from 'nodemailer'
import { localeOfTag, TEMPLATES, type Locale, type MessageTemplates, type RenderedMail } from './messages.js'
import { smtpFailure } from './smtp-errors.js'

/** One message as resetkit hands it to the transport. */
export interface MailMessage {
  readonly from: string
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html: string
  readonly headers: Readonly<Record<string, string>>
}

/** What resetkit needs of a nodemailer transporter: yours, if you already have one. */
export interface MailTransport {
  sendMail(mail: MailMessage): Promise<unknown>
  close?(): void
}

export interface EmailDeliveryOptions {
  /**
   * `smtp://user:pass@host:587` / `smtps://…:465` (a pooled transport is made from it), or a
   * nodemailer transporter of your own (then its pooling and timeouts are yours).
   */
  readonly smtp: string | MailTransport
  /** The sender, e.g. `'Acme <no-reply@acme.example>'`. */
  readonly from: string
  /** Named in every subject and message. */
  readonly appName: string
  /**
   * The language for one message: return a locale for this recipient (a user's saved
   * preference), or undefined to use the language the request asked for (Accept-Language),
   * then `defaultLocale`.
   */
  readonly localeOf?: (recipient: { readonly to: string; readonly requested?: string }) => Locale | undefined | Promise<Locale | undefined>
  /** Default `'en'`. */
  readonly defaultLocale?: Locale
  /** Replaces the wording of a locale. */
  readonly templates?: Partial<Record<Locale, MessageTemplates>>
  /** A send that has not completed by then fails as unavailable (503). Default 10 s. */
  readonly sendTimeoutMs?: number
  /** For a transport made from a URL: pooled connections kept open. Default 3. */
  readonly maxConnections?: number
  readonly now?: () => number
}

export interface EmailDelivery {
  /** The one-time code, for `createResetkit({ sender })`. Email only. */
  readonly sender: OtpSender
  /** The password-changed notice, for `createResetkit({ notifier })`. Email only. */
  readonly notifier: Notifier
  /** Closes the pooled connections of a transport made from a URL. */
  close(): void
}

function transportFromUrl(url: string, timeoutMs: number, maxConnections: number): MailTransport {
  const parsed = new URL(url)
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new TypeError('smtp must be an smtp:// or smtps:// URL')
  const secure = parsed.protocol === 'smtps:'
  return nodemailer.createTransport({
    pool: true,
    maxConnections,
    host: parsed.hostname,
    port: parsed.port === '' ? (secure ? 465 : 587) : Number(parsed.port),
    secure,
    ...(parsed.username === '' ? {} : { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }),
    // Each stage bounded, so a server that stalls frees its connection.
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // No transcript: it would hold the message, and so the code.
    logger: false,
    debug: false,
  })
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PortUnavailableError('smtp', { cause: new Error('smtp send timed out') })), timeoutMs)
    timer.unref()
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Email delivery over nodemailer: the one-time code and the "your password changed" notice,
 * as plain text and HTML, in English or Simplified Chinese. Messages carry the code, its
 * lifetime and what to do if the user did not ask; never the token. Failures are typed: a
 * refused mailbox is `invalid_email`, a quota `insufficient_email_quota`, a server that is
 * down, slow or drops the connection `temporarily_unavailable`.
 *
 * @example
 * const email = createEmailDelivery({ smtp: process.env.SMTP_URL!, from: 'Acme <no-reply@acme.example>', appName: 'Acme' })
 * const resetkit = createResetkit({ ...stores, clients, sender: email.sender, notifier: email.notifier })
 */
export function createEmailDelivery(options: EmailDeliveryOptions): EmailDelivery {
  const timeoutMs = options.sendTimeoutMs ?? 10_000
  const transport = typeof options.smtp === 'string' ? transportFromUrl(options.smtp, timeoutMs, options.maxConnections ?? 3) : options.smtp
  const ownsTransport = typeof options.smtp === 'string'
  const now = options.now ?? Date.now
  const templatesFor = (locale: Locale): MessageTemplates => options.templates?.[locale] ?? TEMPLATES[locale]

  const localeFor = async (to: string, requested: string | undefined): Promise<Locale> =>
    (await options.localeOf?.({ to, ...(requested === undefined ? {} : { requested }) })) ?? localeOfTag(requested) ?? options.defaultLocale ?? 'en'

  const send = async (to: string, locale: Locale, mail: RenderedMail): Promise<void> => {
    try {
      await withTimeout(
        transport.sendMail({
          from: options.from,
          to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'Content-Language': locale },
        }),
        timeoutMs,
      )
    } catch (error) {
      throw error instanceof PortUnavailableError ? error : smtpFailure(error)
    }
  }

  const emailOnly = (channel: string): void => {
    if (channel !== 'email') throw new TypeError('createEmailDelivery sends email only; route phone numbers to an SMS sender')
  }

  return {
    sender: {
      async send({ channel, to, code, usage, expiresAt, locale: requested }: OtpDelivery) {
        emailOnly(channel)
        const locale = await localeFor(to, requested)
        const minutes = Math.max(1, Math.round((expiresAt - now()) / 60_000))
        await send(to, locale, templatesFor(locale).code({ appName: options.appName, code, minutes, usage }))
      },
    },
    notifier: {
      async notify({ channel, to, at }: PasswordChangedNotice) {
        emailOnly(channel)
        const locale = await localeFor(to, undefined)
        await send(to, locale, templatesFor(locale).passwordChanged({ appName: options.appName, at: new Date(at) }))
      },
    },
    close: () => {
      if (ownsTransport) transport.close?.()
    },
  }
}
