import { createCapturingAuditLog } from '@resetkit/adapters-memory'
import type { SendOtpCommand, ServerError } from '@resetkit/core'
import { basicAuth, makeHttpWorld, WEB_CLIENT } from '@resetkit/testing/http'
import { describe, expect, it } from 'vitest'
import { jsonPost } from './json-post.js'
import { createMemoryRateLimiter, createResetkitHttp, HUMAN_CHECK_HEADER, INPUT_LIMITS, servedPaths, type ResetkitHttpDeps } from '../src/index.js'

// What the handler adds around the use cases, seen from the requests a transport hands it.

const WEB = { authorization: basicAuth(WEB_CLIENT.id, WEB_CLIENT.secret) }


/** The world's deps, with the send use case's commands recorded on their way in. */
async function recordingSends(): Promise<{ deps: ResetkitHttpDeps; commands: SendOtpCommand[] }> {
  const { deps } = await makeHttpWorld()
  const commands: SendOtpCommand[] = []
  return {
    commands,
    deps: {
      ...deps,
      sendOtp: (command) => {
        commands.push(command)
        return deps.sendOtp(command)
      },
    },
  }
}

describe('routes', () => {
  it('serves the change only when given one, and says so in servedPaths', async () => {
    const { deps } = await makeHttpWorld()
    const { changePassword, ...withoutChange } = deps
    expect(servedPaths(deps)).toEqual(['/otp/send', '/reset_user_password', '/change_user_password'])
    expect(servedPaths({})).toEqual(['/otp/send', '/reset_user_password'])
    const request = jsonPost('/change_user_password', { old_password: 'x', new_password: 'y' }, { authorization: 'Bearer openid-token' })
    expect((await createResetkitHttp(withoutChange)(request)).status).toBe(404)
    expect((await createResetkitHttp(deps)(request)).status).not.toBe(404)
    expect(changePassword).toBeDefined()
  })

  it('refuses a change without a token verifier at construction: its user is the token’s subject', async () => {
    const { deps } = await makeHttpWorld()
    const { tokens: _tokens, ...withoutTokens } = deps
    expect(() => createResetkitHttp(withoutTokens)).toThrow(new TypeError('changePassword needs tokens (an AccessTokenVerifier): the user is the access token’s subject'))
  })

  it('answers another method with 405 and Allow: POST, and another path with 404', async () => {
    const { deps } = await makeHttpWorld()
    const http = createResetkitHttp(deps)
    const get = await http({ ...jsonPost('/otp/send', {}), method: 'GET' })
    expect([get.status, get.headers['allow'], JSON.parse(get.body)]).toEqual([405, 'POST', { error: 'method_not_allowed', error_description: 'Use POST.' }])
    const elsewhere = await http(jsonPost('/otp/send/', {}))
    expect([elsewhere.status, JSON.parse(elsewhere.body)]).toEqual([404, { error: 'not_found', error_description: 'No such endpoint.' }])
  })
})

describe('what the send use case is told', () => {
  it('the source address and its network when the transport knows it, nothing when it does not', async () => {
    const { deps, commands } = await recordingSends()
    const http = createResetkitHttp(deps)
    await http(jsonPost('/otp/send', { usage: 'reset_password', email: 'alice@example.com' }, WEB, '203.0.113.7'))
    await http(jsonPost('/otp/send', { usage: 'reset_password', email: 'alice@example.com' }, WEB))
    expect(commands[0]?.source).toEqual({ ip: '203.0.113.7', network: 'ip:203.0.113.0/24' })
    expect(commands[1]).not.toHaveProperty('source')
  })

  it('the preferred language when one is named, and none otherwise', async () => {
    const { deps, commands } = await recordingSends()
    const http = createResetkitHttp(deps)
    await http(jsonPost('/otp/send', { usage: 'reset_password', email: 'alice@example.com' }, { ...WEB, 'accept-language': 'fr;q=0.5, zh-CN' }))
    await http(jsonPost('/otp/send', { usage: 'reset_password', email: 'alice@example.com' }, WEB))
    expect(commands[0]?.locale).toBe('zh-CN')
    expect(commands[1]).not.toHaveProperty('locale')
  })

  it('the human check token from the header when the body has none, within its length limit; the body’s wins', async () => {
    const { deps, commands } = await recordingSends()
    const http = createResetkitHttp(deps)
    const body = { usage: 'reset_password', email: 'alice@example.com' }
    const longest = 'h'.repeat(INPUT_LIMITS.humanCheckToken)
    await http(jsonPost('/otp/send', body, { ...WEB, [HUMAN_CHECK_HEADER]: longest }))
    await http(jsonPost('/otp/send', body, { ...WEB, [HUMAN_CHECK_HEADER]: `${longest}h` }))
    await http(jsonPost('/otp/send', { ...body, human_check_token: 'from-body' }, { ...WEB, [HUMAN_CHECK_HEADER]: 'from-header' }))
    expect(commands.map((command) => command.humanCheckToken)).toEqual([longest, undefined, 'from-body'])
  })
})

describe('the audit trail names the route a limit refused', () => {
  it.each([
    ['/reset_user_password', 'reset_password', { email: 'alice@example.com', email_otp_token: 't', email_otp: '123456', new_password: 'x' }, WEB],
    ['/change_user_password', 'change_password', { old_password: 'x', new_password: 'y' }, { authorization: 'Bearer openid-token' }],
    ['/otp/send', 'otp_send', { usage: 'reset_password', email: 'alice@example.com' }, WEB],
  ] as const)('%s → %s', async (path, route, body, headers) => {
    const log = createCapturingAuditLog()
    const { deps } = await makeHttpWorld({ audit: { log, pseudonymKey: 'handler-test-key-0123456789' }, rateLimit: { perIp: createMemoryRateLimiter({ limit: 1, windowSeconds: 60 }) } })
    const http = createResetkitHttp(deps)
    await http(jsonPost(path, body, headers, '203.0.113.7'))
    const refused = await http(jsonPost(path, body, headers, '203.0.113.7'))
    expect([refused.status, JSON.parse(refused.body)]).toEqual([429, { error: 'too_many_requests', error_description: 'Too many requests; try again later.' }])
    expect(log.ofType('request_throttled').map((event) => [event.scope, event.route])).toEqual([['ip', route]])
  })
})

describe('rate limits around the routes', () => {
  const send = jsonPost('/otp/send', { usage: 'reset_password', email: 'alice@example.com' }, WEB, '203.0.113.7')

  it('without any configured, nothing is counted and nothing refused', async () => {
    const { deps } = await makeHttpWorld()
    const http = createResetkitHttp(deps)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await http(send)).status)
    expect(statuses).toEqual([200, 200, 200])
  })

  it('a limiter that fails is a server error naming its port for the host, not a refusal or a pass', async () => {
    const { deps } = await makeHttpWorld()
    const reported: ServerError[] = []
    const down = new Error('redis down')
    const http = createResetkitHttp({ ...deps, rateLimit: { perIp: { consume: () => Promise.reject(down) } }, onServerError: (error) => reported.push(error) })
    const response = await http(send)
    expect([response.status, JSON.parse(response.body)]).toEqual([500, { error: 'server_error' }])
    expect(reported.map(({ port, cause }) => [port, cause])).toEqual([['rateLimit.consume', down]])
  })
})

describe('a use case that throws (a bug, not a failure)', () => {
  it('is a bare 500 for the client and the cause for the host, never a stack', async () => {
    const { deps } = await makeHttpWorld()
    const reported: ServerError[] = []
    const bug = new Error('secret internals at line 42')
    const http = createResetkitHttp({
      ...deps,
      sendOtp: () => {
        throw bug
      },
      onServerError: (error) => reported.push(error),
    })
    const response = await http(jsonPost('/otp/send', { usage: 'reset_password', email: 'alice@example.com' }, WEB))
    expect([response.status, JSON.parse(response.body)]).toEqual([500, { error: 'server_error' }])
    expect(response.body).not.toContain('secret internals')
    expect(reported).toEqual([{ code: 'server_error', description: 'Unexpected failure.', port: 'http', cause: bug }])
  })
})
