import type { OtpRecord } from '../ports.js'

/**
 * The flow a record is the one live code of: a fresh send for the same client, usage and
 * identifier retires it, and nothing else does. Stores key their "live" pointer by this.
 */
export const liveCodeKey = (record: Pick<OtpRecord, 'clientId' | 'usage' | 'identifier'>): string =>
  JSON.stringify([record.clientId, record.usage, record.identifier.channel, record.identifier.value])
