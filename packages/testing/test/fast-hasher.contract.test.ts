import { createFastTestHasher, describePasswordHasherContract } from '../src/index.js'

describePasswordHasherContract({ name: 'fast test hasher', make: createFastTestHasher, runs: 100 })
