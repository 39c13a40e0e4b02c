import { describe, expect, it } from 'vitest'
import type { CorsOptions } from '@resetkit/http'
import { SEND, WEB_AUTH } from './requests.js'
import type { Transport, WireResponse } from './transport.js'

type Post = (path: string, body: unknown, headers?: [string, string][]) => Promise<WireResponse>

/** What the CORS cases need of the contract suite's setup. */
export type CorsSetup = (options?: { readonly cors?: CorsOptions }) => Promise<{ readonly http: Transport; readonly post: Post }>

/** The contract's CORS cases, part of `describeHttpContract`: preflights, origins, per-client origins. */
export function describeCorsCases(setup: CorsSetup): void {
  describe('CORS (single-page apps)', () => {
    const APP = 'https://app.example'
    const SPA_ONLY = 'https://spa.example'
    const cors = { origins: [APP], originsByClient: { spa: [SPA_ONLY] } }
    const preflight = (origin: string, method = 'POST'): [string, string][] => [['origin', origin], ['access-control-request-method', method], ['access-control-request-headers', 'authorization,content-type']]

    it('off by default: a preflight → 405 and no Access-Control header', async () => {
      const { http } = await setup()
      const response = await http({ method: 'OPTIONS', path: '/otp/send', headers: preflight(APP) })
      expect(response.status).toBe(405)
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([])
    })

    it('a preflight from an allowed origin → 204 naming it, POST, Authorization, Content-Type and X-Human-Check-Token, never credentials', async () => {
      const { http } = await setup({ cors })
      for (const origin of [APP, SPA_ONLY]) {
        const response = await http({ method: 'OPTIONS', path: '/reset_user_password', headers: preflight(origin) })
        expect([response.status, response.body]).toEqual([204, ''])
        expect(response.headers).toMatchObject({
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'Authorization, Content-Type, X-Human-Check-Token',
          vary: expect.stringContaining('Origin') as unknown,
        })
        expect(response.headers['access-control-allow-credentials']).toBeUndefined()
      }
    })

    it('a preflight from another origin → 405 without Access-Control-Allow-Origin; for another method → 405 allowing no method', async () => {
      const { http } = await setup({ cors })
      for (const origin of ['https://evil.example', `${APP}.evil.example`, `${APP}/`, 'null']) {
        const response = await http({ method: 'OPTIONS', path: '/otp/send', headers: preflight(origin) })
        expect([response.status, response.headers['access-control-allow-origin']]).toEqual([405, undefined])
      }
      for (const headers of [preflight(APP, 'PUT'), [['origin', APP]] as [string, string][]]) {
        const response = await http({ method: 'OPTIONS', path: '/otp/send', headers })
        expect([response.status, response.headers['access-control-allow-methods']]).toEqual([405, undefined])
      }
    })

    it('answers name an allowed origin and vary on Origin; other origins get no Access-Control-Allow-Origin', async () => {
      const { post } = await setup({ cors })
      const allowed = await post('/otp/send', SEND, [['authorization', WEB_AUTH], ['origin', APP]])
      expect([allowed.status, allowed.headers['access-control-allow-origin'], allowed.headers['vary']]).toEqual([200, APP, 'Origin'])
      expect(allowed.headers['access-control-expose-headers']).toBe('Retry-After, WWW-Authenticate')
      const other = await post('/otp/send', { ...SEND, email: 'bob@example.com' }, [['authorization', WEB_AUTH], ['origin', 'https://evil.example']])
      expect([other.status, other.headers['access-control-allow-origin'], other.headers['vary']]).toEqual([200, undefined, 'Origin'])
    })

    it("a client's own origin is named for that client only, and for errors before any client is known", async () => {
      const { post } = await setup({ cors })
      const asSpa = await post('/otp/send', { ...SEND, client_id: 'spa' }, [['origin', SPA_ONLY]])
      expect([asSpa.status, asSpa.headers['access-control-allow-origin']]).toEqual([200, SPA_ONLY])
      const asWeb = await post('/otp/send', { ...SEND, email: 'bob@example.com' }, [['authorization', WEB_AUTH], ['origin', SPA_ONLY]])
      expect([asWeb.status, asWeb.headers['access-control-allow-origin']]).toEqual([200, undefined])
      const unknownClient = await post('/otp/send', { ...SEND, client_id: 'nobody' }, [['origin', SPA_ONLY]])
      expect([unknownClient.status, unknownClient.headers['access-control-allow-origin']]).toEqual([401, SPA_ONLY])
    })
  })
}
