import { describeBreachedPasswordCheckerContract } from '@resetkit/testing'
import { afterAll, beforeAll } from 'vitest'
import { createPwnedPasswordsChecker } from '../src/index.js'
import { startRangeServer, type RangeServer } from '../src/testing/range-server.js'

// The adapter against a local range API that serves the corpus as the real one would: by
// prefix, padded with count-0 lines.
let server: RangeServer
beforeAll(async () => {
  server = await startRangeServer()
})
afterAll(() => server.close())

describeBreachedPasswordCheckerContract({
  name: 'Pwned Passwords range API',
  make: (passwords) => {
    server.respond({ kind: 'corpus', passwords, padTo: 200 })
    return createPwnedPasswordsChecker({ baseUrl: server.url })
  },
})
