import { describe, expect, it } from 'vitest'
import type { Channel, OtpDelivery, OtpSender } from '@resetkit/core'

/** What arrived at one recipient, as the provider (or its local stand-in) saw it. */
export interface DeliveredMessage {
  readonly to: string
  /** Everything the recipient can read: subject and body, or the SMS text or template parameters. */
  readonly text: string
}

export interface OtpSenderUnderTest {
  readonly sender: OtpSender
  /** Every message delivered since `make`, in any order. */
  readonly delivered: () => Promise<readonly DeliveredMessage[]>
}

export interface OtpSenderContractOptions {
  readonly name: string
  readonly channel: Channel
  /** Recipients the provider accepts, at least 10, distinct. */
  readonly recipients: readonly string[]
  readonly make: () => OtpSenderUnderTest | Promise<OtpSenderUnderTest>
}

/**
 * The behaviour every `OtpSender` must have: each code reaches its own recipient and no other,
 * with its lifetime; parallel sends do not mix; a delivery for a channel it does not serve is
 * refused, never dropped silently.
 *
 * @example
 * describeOtpSenderContract({ name: 'smtp', channel: 'email', recipients, make: async () => ({ sender, delivered: async () => inbox }) })
 */
export function describeOtpSenderContract({ name, channel, recipients, make }: OtpSenderContractOptions): void {
  describe(`OtpSender contract: ${name}`, () => {
    const delivery = (to: string, code: string): OtpDelivery => ({ channel, to, code, usage: 'reset_password', expiresAt: Date.now() + 5 * 60_000 })

    it('delivers the code to its recipient, with its lifetime in minutes', async () => {
      const { sender, delivered } = await make()
      const [to = ''] = recipients
      await sender.send(delivery(to, '482913'))
      const messages = await delivered()
      expect(messages.map((message) => message.to)).toEqual([to])
      expect(messages[0]?.text).toContain('482913')
      expect(messages[0]?.text).toMatch(/\b5\b/)
    })

    it('ten parallel sends each reach their own recipient with their own code, and no other', async () => {
      const { sender, delivered } = await make()
      const sends = recipients.slice(0, 10).map((to, i) => ({ to, code: String(100_000 + i * 7919) }))
      await Promise.all(sends.map(({ to, code }) => sender.send(delivery(to, code))))
      const messages = await delivered()
      expect(messages).toHaveLength(sends.length)
      for (const { to, code } of sends) {
        const mine = messages.filter((message) => message.to === to)
        expect(mine).toHaveLength(1)
        expect(mine[0]?.text).toContain(code)
        for (const other of sends) if (other.code !== code) expect(mine[0]?.text).not.toContain(other.code)
      }
    })

    it('refuses a delivery for the other channel instead of dropping it', async () => {
      const { sender, delivered } = await make()
      const other: OtpDelivery = channel === 'email'
        ? { channel: 'phone_number', to: '+8613800000001', code: '111111', usage: 'login', expiresAt: Date.now() + 60_000 }
        : { channel: 'email', to: 'someone@example.com', code: '111111', usage: 'login', expiresAt: Date.now() + 60_000 }
      await expect(sender.send(other)).rejects.toBeInstanceOf(Error)
      expect(await delivered()).toEqual([])
    })
  })
}
