import type { Channel, Notifier, OtpSender } from './ports.js'

/**
 * One `OtpSender` from one per channel: email to your mailer, phone numbers to your SMS
 * provider. A channel with no sender is a configuration error (`server_error`), never a silent drop.
 *
 * @example
 * const sender = sendersByChannel({ email: email.sender, phone_number: sms.sender })
 */
export function sendersByChannel(senders: Partial<Record<Channel, OtpSender>>): OtpSender {
  return {
    send: (delivery) => {
      const sender = senders[delivery.channel]
      if (sender === undefined) return Promise.reject(new TypeError(`no OtpSender for the ${delivery.channel} channel`))
      return sender.send(delivery)
    },
  }
}

/** One `Notifier` from one per channel, as `sendersByChannel` does for codes. */
export function notifiersByChannel(notifiers: Partial<Record<Channel, Notifier>>): Notifier {
  return {
    notify: (notice) => {
      const notifier = notifiers[notice.channel]
      if (notifier === undefined) return Promise.reject(new TypeError(`no Notifier for the ${notice.channel} channel`))
      return notifier.notify(notice)
    },
  }
}
