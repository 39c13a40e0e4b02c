import { WEB_CLIENT } from './world.js'

/** HTTP Basic as the contract defines it: base64(urlencode(id):urlencode(secret)), in UTF-8. */
export const basicAuth = (id: string, secret: string): string => {
  const bytes = new TextEncoder().encode(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)
  return `Basic ${btoa(String.fromCharCode(...bytes))}`
}

/** The suite's web client, authenticated. */
export const WEB_AUTH = basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret)

/** The suite's plain send: a reset code for alice. */
export const SEND = { usage: 'reset_password', email: 'alice@example.com' }
