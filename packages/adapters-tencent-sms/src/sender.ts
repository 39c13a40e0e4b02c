import type { OtpDelivery, OtpSender } from '@resetkit/core'
import type { Agent } from 'node:http'
import { sms } from 'tencentcloud-sdk-nodejs-sms'
import { sdkFailure, tencentFailure } from './errors.js'

const SmsClient = sms.v20210111.Client

export interface TencentSmsOptions {
  readonly secretId: string
  readonly secretKey: string
  /** The SMS application (`SmsSdkAppId`), e.g. `'1400000000'`. */
  readonly smsSdkAppId: string
  /** The approved signature (`SignName`), required for mainland-China numbers. */
  readonly signName: string
  /** The approved template (`TemplateId`), with parameters {1} the code and {2} its minutes by default. */
  readonly templateId: string
  /** Default `ap-guangzhou`; `ap-singapore` for the international site. */
  readonly region?: string
  /** Default `sms.tencentcloudapi.com`. */
  readonly endpoint?: string
  /** Only for a local test server: plain HTTP. */
  readonly insecureHttpForTests?: boolean
  /** An HTTP agent of your own (keep-alive, a proxy, or, in tests, a lookup to a local server). */
  readonly agent?: Agent
  /** Default 10 s. */
  readonly timeoutSeconds?: number
  /** The template's parameters; default `[code, minutes]`. */
  readonly templateParams?: (delivery: OtpDelivery, minutes: number) => readonly string[]
  readonly now?: () => number
}

/**
 * Codes by SMS through Tencent Cloud SMS (`SendSms`, API 2021-01-11, the official SDK, which
 * signs every call with TC3-HMAC-SHA256). Numbers go as E.164 (`+8613800000001`), as the API
 * asks. The per-number status is checked, not only the call: a number the provider refused is a
 * typed failure even though the call succeeded.
 *
 * @example
 * const sms = createTencentSmsSender({ secretId, secretKey, smsSdkAppId: '1400000000', signName: 'Acme', templateId: '1234567' })
 */
export function createTencentSmsSender(options: TencentSmsOptions): OtpSender {
  const client = new SmsClient({
    credential: { secretId: options.secretId, secretKey: options.secretKey },
    region: options.region ?? 'ap-guangzhou',
    profile: {
      signMethod: 'TC3-HMAC-SHA256',
      httpProfile: {
        endpoint: options.endpoint ?? 'sms.tencentcloudapi.com',
        protocol: options.insecureHttpForTests === true ? 'http://' : 'https://',
        reqTimeout: options.timeoutSeconds ?? 10,
        ...(options.agent === undefined ? {} : { agent: options.agent }),
      },
    },
  })
  const now = options.now ?? Date.now
  const params = options.templateParams ?? ((delivery: OtpDelivery, minutes: number) => [delivery.code, String(minutes)])

  return {
    async send(delivery) {
      if (delivery.channel !== 'phone_number') throw new TypeError('createTencentSmsSender sends SMS only; route email to an email sender')
      const minutes = Math.max(1, Math.round((delivery.expiresAt - now()) / 60_000))
      let response: Awaited<ReturnType<typeof client.SendSms>>
      try {
        response = await client.SendSms({
          PhoneNumberSet: [delivery.to],
          SmsSdkAppId: options.smsSdkAppId,
          SignName: options.signName,
          TemplateId: options.templateId,
          TemplateParamSet: [...params(delivery, minutes)],
        })
      } catch (error) {
        throw sdkFailure(error)
      }
      const status = response.SendStatusSet?.[0]
      if (status?.Code !== 'Ok') throw tencentFailure(status?.Code ?? 'MissingSendStatus')
    },
  }
}
