import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Identifier } from '../src/index.js'
import { makeWorld } from './world.js'

const identifiers: Identifier[] = [
  { channel: 'email', value: 'alice@example.com' },
  { channel: 'email', value: 'frozen@example.com' },
  { channel: 'email', value: 'nobody@example.com' },
  { channel: 'phone_number', value: '+8613800000003' },
  { channel: 'phone_number', value: '+8613899999999' },
]

describe('no enumeration before the OTP is proven', () => {
  it('a bad OTP token or code never yields user_not_found or abnormal_user_status, for any user', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...identifiers),
        fc.constantFrom('unknown-token', 'wrong-code', 'other-client', 'expired'),
        fc.stringMatching(/^[0-9]{6}$/),
        async (identifier, fault, guess) => {
          const world = await makeWorld()
          const { token, code } = await world.requestCode(identifier)
          if (fault === 'expired') world.clock.advance(10 * 60_000)
          const command = {
            clientId: fault === 'other-client' ? 'other' : 'web',
            password: 'Correct-Horse-Battery-9',
            identifier,
            otpToken: fault === 'unknown-token' ? 'forged' : token,
            otp: fault === 'wrong-code' ? (guess === code ? '' : guess) : code,
          }
          const result = await world.reset(command)
          const channel = identifier.channel
          expect(result._unsafeUnwrapErr().code).toMatch(channel === 'email' ? /^bad_email_otp(_token)?$/ : /^bad_phone_number_otp(_token)?$/)
        },
      ),
      { numRuns: 200 },
    )
  })
})
