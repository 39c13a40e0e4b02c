// The raw argon2id bound: operations per second this machine does with the demo's parameters
// (OWASP: 19 MiB, t = 2, p = 1), every core busy, nothing else running.
import { hash, verify } from '@node-rs/argon2'
import { availableParallelism } from 'node:os'

const OWASP = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export async function argon2OpsPerSecond(seconds = 4) {
  const encoded = await hash('bench-password', OWASP)
  const lanes = availableParallelism() * 2 // enough in flight to keep every pool thread busy
  let done = 0
  const until = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (performance.now() < until) {
        await verify(encoded, 'bench-password')
        done++
      }
    }),
  )
  return done / ((performance.now() - started) / 1000)
}
