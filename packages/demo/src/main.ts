// The demo: one password reset, start to finish, on the memory adapters with real argon2id.
import { createCapturingOtpSender, createMemoryOtpStore, createMemoryUserStore } from '@resetkit/adapters-memory'
import { createOtpVerifier, createPasswordPolicy, createResetPassword, createSendOtp, type Identifier } from '@resetkit/core'
import { createArgon2Hasher } from '@resetkit/core/argon2'
import { createZxcvbnWorkerEstimator } from '@resetkit/core/zxcvbn-worker'

const hasher = createArgon2Hasher()
const estimator = createZxcvbnWorkerEstimator()
const users = createMemoryUserStore([
  { id: 'alice', email: 'alice@example.com', phoneNumber: '+8613800000001', status: 'active', names: [], passwordHash: await hasher.hash('Initial-Passw0rd!'), passwordHistory: [] },
])
const store = createMemoryOtpStore()
const sender = createCapturingOtpSender()
const sendOtp = createSendOtp({ store, sender })
const reset = createResetPassword({ users, otp: createOtpVerifier({ store }), policy: createPasswordPolicy({ strength: { estimator } }), hasher })

const alice: Identifier = { channel: 'email', value: 'alice@example.com' }
const { otpToken } = (await sendOtp({ clientId: 'demo-web', usage: 'reset_password', identifier: alice }))._unsafeUnwrap()
const otp = sender.lastCodeFor(alice.value) ?? ''
console.log(`[dev-otp] to=${alice.value} otp=${otp}`)
for (const password of ['password123', 'Initial-Passw0rd!', 'Violet-Staircase-Orbit-42']) {
  const result = await reset({ clientId: 'demo-web', password, identifier: alice, otpToken, otp })
  console.log(result.isOk() ? 'reset: ok' : `reset: ${result.error.code}`)
}
await estimator.close()
