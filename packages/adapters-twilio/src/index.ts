export { createTwilioSmsSender, type TwilioSmsOptions } from './sender.js'
export { twilioFailure } from './errors.js'
