import { describePasswordHasherContract } from '@resetkit/testing'
import { afterAll } from 'vitest'
import { createArgon2Hasher } from '../src/argon2.js'
// The worker pool runs compiled JavaScript, so this uses the built entry, as a user would.
import { createArgon2WorkerHasher, type Argon2WorkerHasher } from '../dist/argon2.js'

const workers: Argon2WorkerHasher[] = []
afterAll(() => Promise.all(workers.map((hasher) => hasher.close())))

// The production defaults (OWASP parameters), in worker threads and on libuv's pool.
describePasswordHasherContract({ name: 'argon2id in worker threads', make: () => workers[workers.push(createArgon2WorkerHasher()) - 1] as Argon2WorkerHasher })
describePasswordHasherContract({ name: 'argon2id on libuv’s pool', make: () => createArgon2Hasher() })
