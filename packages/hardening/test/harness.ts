import { createResetkitRouter } from '@resetkit/adapters-express'
import type { StrengthEstimator } from '@resetkit/core'
import { createArgon2Hasher } from '@resetkit/adapters-node/argon2'
import { createZxcvbnWorkerEstimator } from '@resetkit/adapters-node/zxcvbn'
import { basicAuth, makeHttpWorld, nodeHttpTransport, WEB_CLIENT, type Transport, type WorldOptions } from '@resetkit/testing/http'
import express from 'express'
import type { AddressInfo } from 'node:net'

export const WEB_AUTH = basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret)
export const ALICE = 'alice@example.com'
export const STRONG = 'Violet-Staircase-Orbit-42'
export type { Wrap } from '@resetkit/testing/http'

export interface HarnessOptions extends Omit<WorldOptions, 'hasher' | 'strength'> {
  readonly hasher?: 'argon2' | 'fast'
  readonly strength?: 'worker' | StrengthEstimator
  readonly bodyLimitBytes?: number
}

/** `@resetkit/testing/http`'s memory world behind Express on an ephemeral port. */
export async function startHarness(options: HarnessOptions = {}) {
  const { hasher, strength, bodyLimitBytes, ...world } = options
  const estimator = strength === 'worker' ? createZxcvbnWorkerEstimator() : undefined
  const strengthEstimator = typeof strength === 'object' ? strength : estimator
  const { deps, sender, memoryUsers, memoryOtp, hasher: usedHasher } = await makeHttpWorld({
    ...world,
    ...(hasher === 'argon2' ? { hasher: createArgon2Hasher() } : {}),
    ...(strengthEstimator === undefined ? {} : { strength: strengthEstimator }),
    portTimeoutMs: options.portTimeoutMs ?? 10_000,
  })
  const app = express()
  app.use(createResetkitRouter({ ...deps, ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }) }))
  // As the demo does: the host answers its own unknown paths in JSON.
  app.use((_req, res) => void res.status(404).set('content-type', 'application/json;charset=UTF-8').end('{"error":"not_found"}'))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const http: Transport = nodeHttpTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)

  const post = (path: string, body: unknown, auth: string = WEB_AUTH) =>
    http({ method: 'POST', path, headers: [['content-type', 'application/json'], ['authorization', auth]], body: JSON.stringify(body) })
  const sendCode = async (email = ALICE) => {
    const response = await post('/otp/send', { usage: 'reset_password', email })
    const token = response.status === 200 ? (JSON.parse(response.body) as { otp_token: string }).otp_token : ''
    return { response, token, code: sender.lastCodeFor(email) ?? '' }
  }
  const reset = (token: string, code: string, password = STRONG, email = ALICE) =>
    post('/reset_user_password', { password, email, email_otp_token: token, email_otp: code })

  const change = (oldPassword: string, newPassword = STRONG, token = 'openid-token') =>
    http({
      method: 'POST',
      path: '/change_user_password',
      headers: [['content-type', 'application/json'], ['authorization', `Bearer ${token}`]],
      body: JSON.stringify({ old_password: oldPassword, new_password: newPassword }),
    })

  return {
    http,
    post,
    sendCode,
    reset,
    change,
    sender,
    memoryUsers,
    memoryOtp,
    hasher: usedHasher,
    close: async () => {
      await new Promise((resolve) => server.close(resolve))
      await estimator?.close()
    },
  }
}
