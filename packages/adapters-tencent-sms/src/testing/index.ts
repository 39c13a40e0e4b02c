/** `@resetkit/adapters-tencent-sms/testing`: a local server speaking Tencent Cloud SMS's SendSms, checking TC3 signatures. */
export { startLocalTencentSms, tc3Signature, type LocalTencentSms, type ReceivedSms, type TencentBehaviour } from './local-tencent-sms.js'
