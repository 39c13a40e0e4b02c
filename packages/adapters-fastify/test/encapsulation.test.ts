import { makeHttpWorld } from '@resetkit/testing/http'
import { afterEach, describe, expect, it } from 'vitest'
import { serveFastify } from './serve.js'

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((served) => served.close()))
})

async function host() {
  const served = await serveFastify((await makeHttpWorld()).deps)
  open.push(served)
  return served
}

describe('the Fastify plugin in its own context', () => {
  it("leaves the host's JSON parser, and its errors, to the host's routes", async () => {
    const { transport } = await host()
    const echoed = await transport({ method: 'POST', path: '/host/echo', headers: [['content-type', 'application/json']], body: '{"a":1}' })
    expect([echoed.status, echoed.body]).toEqual([200, '{"echoed":{"a":1}}'])
    const broken = await transport({ method: 'POST', path: '/host/echo', headers: [['content-type', 'application/json']], body: '{oops' })
    expect([broken.status, JSON.parse(broken.body).code]).toEqual([400, 'FST_ERR_CTP_INVALID_JSON_BODY'])
  })

  it.each([
    ['bad JSON', [['content-type', 'application/json']], '{oops', 400, 'invalid_request'],
    ['an empty JSON body', [['content-type', 'application/json']], '', 400, 'invalid_request'],
    ['a content type Fastify has no parser for', [['content-type', 'application/x-www-form-urlencoded']], 'a=b', 415, 'unsupported_media_type'],
    ['a malformed content type', [['content-type', 'not a media type']], '{}', 415, 'unsupported_media_type'],
    ['an oversized body', [['content-type', 'application/json']], `{"email":"${'a'.repeat(20_000)}"}`, 413, 'payload_too_large'],
  ] as const)("answers %s in resetkit's words, never FST_ERR_CTP_*", async (_name, headers, body, status, error) => {
    const { transport } = await host()
    const response = await transport({ method: 'POST', path: '/otp/send', headers: headers.map(([n, v]) => [n, v] as [string, string]), body })
    expect([response.status, (JSON.parse(response.body) as { error: string }).error]).toEqual([status, error])
    expect(response.body).not.toContain('FST_')
  })
})
