import { describeHttpContract, toWireResponse } from '@resetkit/testing/http'
import { createResetkitHandler } from '../src/index.js'

describeHttpContract({
  name: 'fetch',
  serve: async (deps, { bodyLimitBytes }) => {
    const handler = createResetkitHandler({ ...deps, bodyLimitBytes })
    return {
      transport: async ({ method, path, headers = [], body }) => {
        const init: RequestInit = { method, headers: headers.map(([name, value]) => [name, value] as [string, string]) }
        if (body !== undefined) init.body = body
        return toWireResponse(await handler(new Request(`http://resetkit.test${path}`, init), { clientIp: '127.0.0.1' }))
      },
      close: async () => {},
    }
  },
})
