import { describe, expect, it } from 'vitest'
import type { Transport, WireResponse } from './transport.js'
import { basicAuth } from './requests.js'
import { GOOD_PASSWORD, WEB_CLIENT, type HttpWorld } from './world.js'

/** What the change cases need of the contract suite's setup. */
export type ChangeSetup = () => Promise<HttpWorld & { readonly http: Transport }>

const OLD = 'Initial-Passw0rd!'
const BEARER_MISSING =
  'Bearer error="invalid_request", error_description="Bearer token not found in the request", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"'

const answer = (response: WireResponse) => [response.status, response.body === '' ? '' : (JSON.parse(response.body) as unknown)]

/** The contract's `/change_user_password` cases, part of `describeHttpContract`. */
export function describeChangePasswordCases(setup: ChangeSetup): void {
  describe('/change_user_password', () => {
    // `null`: no Authorization header at all (an explicit undefined would take the default).
    const change = (http: Transport, body: unknown, authorization: string | null = 'Bearer openid-token') =>
      http({
        method: 'POST',
        path: '/change_user_password',
        headers: [['content-type', 'application/json'], ...(authorization === null ? [] : [['authorization', authorization] as [string, string]])],
        body: JSON.stringify(body),
      })

    it('changes the token subject’s password: 200, an empty body, and the new password is the current one', async () => {
      const { http, memoryUsers, hasher } = await setup()
      const response = await change(http, { old_password: OLD, new_password: GOOD_PASSWORD })
      expect([response.status, response.body, response.headers['content-type']]).toEqual([200, '', undefined])
      expect(await hasher.verify(memoryUsers.get('alice')?.passwordHash ?? '', GOOD_PASSWORD)).toBe(true)
    })

    it('no bearer token (none, or Basic) → 400 invalid_request with the CIAM’s WWW-Authenticate', async () => {
      const { http } = await setup()
      for (const authorization of [null, basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret), 'Bearer ']) {
        const response = await change(http, { old_password: OLD, new_password: GOOD_PASSWORD }, authorization)
        expect(answer(response)).toEqual([400, { error: 'invalid_request', error_description: 'Bearer token not found in the request' }])
        expect(response.headers['www-authenticate']).toBe(BEARER_MISSING)
      }
    })

    it('a bad token, or one naming no user → 401 invalid_token; one without openid → 403 insufficient_scope', async () => {
      const { http } = await setup()
      const body = { old_password: OLD, new_password: GOOD_PASSWORD }
      const bad = await change(http, body, 'Bearer not-a-token')
      expect([bad.status, (JSON.parse(bad.body) as { error: string }).error, bad.headers['www-authenticate']]).toEqual([401, 'invalid_token', 'Bearer error="invalid_token"'])
      expect((await change(http, body, 'Bearer machine-token')).status).toBe(401)
      const scope = await change(http, body, 'Bearer profile-token')
      expect([scope.status, (JSON.parse(scope.body) as { error: string }).error]).toEqual([403, 'insufficient_scope'])
    })

    it.each([
      ['a wrong old password', 'openid-token', { old_password: 'not-it', new_password: GOOD_PASSWORD }, { error: 'wrong_old_password' }],
      ['the current password again', 'openid-token', { old_password: OLD, new_password: OLD }, { error: 'duplicate_password' }],
      ['a subject with no account', 'ghost-token', { old_password: OLD, new_password: GOOD_PASSWORD }, { error: 'user_not_found' }],
      ['a frozen user', 'frozen-token', { old_password: 'Frozen-Passw0rd!', new_password: GOOD_PASSWORD }, { error: 'abnormal_user_status', error_description: 'User is frozen.' }],
      ['no new_password', 'openid-token', { old_password: OLD }, { error: 'invalid_request', error_description: 'new_password is required.', field: 'new_password' }],
    ])('%s → 400 %o', async (_name, token, body, expected) => {
      const { http } = await setup()
      expect(answer(await change(http, body, `Bearer ${token}`))).toEqual([400, expected])
    })

    it('a password breaking the policy → invalid_new_password with violations; an earlier one → recurrent_password', async () => {
      const { http } = await setup()
      const weak = await change(http, { old_password: OLD, new_password: 'password1' })
      expect([weak.status, (JSON.parse(weak.body) as { error: string; violations: unknown[] }).error]).toEqual([400, 'invalid_new_password'])
      expect((await change(http, { old_password: OLD, new_password: GOOD_PASSWORD })).status).toBe(200)
      expect(answer(await change(http, { old_password: GOOD_PASSWORD, new_password: OLD }))).toEqual([400, { error: 'recurrent_password' }])
    })

    it('5 wrong old passwords → then 429 too_many_requests with Retry-After, even for the right one', async () => {
      const { http } = await setup()
      for (let i = 0; i < 5; i++) expect((await change(http, { old_password: `guess-${i}`, new_password: GOOD_PASSWORD })).status).toBe(400)
      const locked = await change(http, { old_password: OLD, new_password: GOOD_PASSWORD })
      expect([locked.status, (JSON.parse(locked.body) as { error: string }).error]).toEqual([429, 'too_many_requests'])
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800)
    })
  })
}
