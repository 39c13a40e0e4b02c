/** `@resetkit/adapters-twilio/testing`: a local server speaking Twilio's Messages API. */
export { startLocalTwilio, type LocalTwilio, type ReceivedMessage, type TwilioBehaviour } from './local-twilio.js'
