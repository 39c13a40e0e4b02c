import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnDemo, type SpawnedDemo } from './spawn-demo.js'

// The README's walkthrough against the built server, read from its stdout as a person would.
let demo: SpawnedDemo
beforeAll(async () => {
  demo = await spawnDemo()
})
afterAll(() => demo.stop())

describe('pnpm start', () => {
  it('prints the URL and a curl walkthrough, then serves send → [dev-otp] line → reset', async () => {
    expect(demo.output()).toContain('curl -i -X POST')
    const headers = { 'content-type': 'application/json', authorization: `Basic ${btoa('demo-web:demo-web-secret%3A%25%2F%26')}` }
    const sent = await fetch(`${demo.url}/otp/send`, { method: 'POST', headers, body: JSON.stringify({ usage: 'reset_password', email: 'alice@example.com' }) })
    expect(sent.status).toBe(200)
    const { otp_token } = (await sent.json()) as { otp_token: string }
    const code = (await demo.waitFor(/\[dev-otp\] to=alice@example\.com otp=(\d{6})/))[1]
    const reset = await fetch(`${demo.url}/reset_user_password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ password: 'Amber-Lighthouse-Quiet-93', email: 'alice@example.com', email_otp_token: otp_token, email_otp: code }),
    })
    expect([reset.status, await reset.text()]).toEqual([200, ''])
    await demo.waitFor(/\[dev-sessions\] user=alice revoked=2/)
    await demo.waitFor(/\[dev-notify\] to=alice@example\.com event=password_changed/)
    // The audit trail: JSON lines with a pseudonymous subject, never the address.
    const audit = (await demo.waitFor(/^\{.*"type":"password_reset_succeeded".*\}$/m))[0]
    expect(JSON.parse(audit)).toMatchObject({ component: 'audit', clientId: 'demo-web', userId: 'alice', channel: 'email' })
    expect(audit).not.toContain('alice@example.com')
    // Nothing but the dev-otp line carries a secret: the password never reaches the output.
    expect(demo.output()).not.toContain('Amber-Lighthouse-Quiet-93')
    expect(demo.output()).not.toContain(otp_token)
  })

  it('serves the signed-in change of the README (another new password, so it cannot come from the printed walkthrough): bob, with the demo’s bearer token, keeps his browser session and ends the other', async () => {
    const change = (body: object, authorization = 'Bearer demo-openid-token') =>
      fetch(`${demo.url}/change_user_password`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) })
    expect([(await change({ old_password: 'not-it', new_password: 'Quartz-Willow-Ember-61' })).status]).toEqual([400])
    const changed = await change({ old_password: 'Bob-Initial-Passw0rd!', new_password: 'Quartz-Willow-Ember-61' })
    expect([changed.status, await changed.text()]).toEqual([200, ''])
    await demo.waitFor(/\[dev-sessions\] user=bob revoked=1 kept=bob-browser/)
    await demo.waitFor(/\[dev-notify\] to=bob@example\.com event=password_changed/)
    const missing = await fetch(`${demo.url}/change_user_password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect([missing.status, missing.headers.get('www-authenticate')]).toEqual([400, expect.stringContaining('Bearer token not found in the request')])
    expect(demo.output()).not.toContain('Quartz-Willow-Ember-61')
  })
})
