import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** How the local SMTP server answers the next message. */
export type Behaviour = 'accept' | 'unknown-mailbox' | 'try-later' | 'quota' | 'hang' | 'drop'

export interface LocalSmtp {
  readonly url: string
  readonly received: ParsedMail[]
  behave(next: Behaviour): void
  close(): Promise<void>
}

const smtpError = (responseCode: number, message: string): Error => Object.assign(new Error(message), { responseCode })

/** nodemailer's own smtp-server on a free loopback port; mailparser reads what arrives. */
export async function startLocalSmtp(): Promise<LocalSmtp> {
  let behaviour: Behaviour = 'accept'
  const received: ParsedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (behaviour === 'unknown-mailbox') return callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`))
      if (behaviour === 'try-later') return callback(smtpError(451, '4.7.1 Try again later'))
      if (behaviour === 'quota') return callback(smtpError(550, '5.4.5 Daily user sending quota exceeded'))
      callback()
    },
    onData(stream, _session, callback) {
      if (behaviour === 'hang') {
        stream.resume() // read it all, never answer
        return
      }
      if (behaviour === 'drop') {
        stream.once('data', () => {
          for (const connection of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) connection._socket.destroy()
        })
        return
      }
      simpleParser(stream)
        .then((mail) => {
          received.push(mail)
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    behave: (next) => {
      behaviour = next
    },
    close: () =>
      new Promise((resolve) => {
        for (const connection of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) connection._socket.destroy()
        server.close(() => resolve())
      }),
  }
}
