import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseBasic, presentedCredentials } from '../src/client-credentials.js'
import { CHALLENGES, wireError } from '../src/http-errors.js'

// How credentials are presented, restated as a model: the body's fields first, then the
// Authorization header's scheme, then agreement between the two.
const MAX = 1024
const ABSENT = Symbol('absent')

const basicOf = (id: string, secret: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)))

const credential = fc.oneof(fc.constantFrom('web', 'spa', 'a:b', 'ü/%&'), fc.string({ minLength: 1, maxLength: 12 }))
const bodyValue = fc.oneof(
  { weight: 4, arbitrary: credential },
  fc.constantFrom<unknown>(ABSENT, undefined, null, '', 7, ['web'], 'x'.repeat(MAX), 'x'.repeat(MAX + 1)),
)
const padding = fc.constantFrom('', ' ', '  ')

type Header =
  | { kind: 'none' }
  | { kind: 'blank'; text: string }
  | { kind: 'bearer'; scheme: string; token: string; pad: string }
  | { kind: 'basic'; scheme: string; id: string; secret: string; pad: string }
  | { kind: 'raw'; text: string }

const header: fc.Arbitrary<Header> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.constantFrom('', '   ').map((text) => ({ kind: 'blank' as const, text })),
  fc.record({ kind: fc.constant('bearer' as const), scheme: fc.constantFrom('Bearer', 'bearer', 'BEARER'), token: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/), fc.constantFrom('', 'x'.repeat(MAX), 'x'.repeat(MAX + 1))), pad: padding }),
  fc.record({ kind: fc.constant('basic' as const), scheme: fc.constantFrom('Basic', 'basic'), id: credential, secret: fc.oneof(credential, fc.constant('')), pad: padding }),
  fc.constantFrom('Digest abc', 'Basic', 'Basic !!!', 'Basic A', 'Bearer', 'Token x').map((text) => ({ kind: 'raw' as const, text })),
)

const textOf = (h: Header): string | undefined => {
  switch (h.kind) {
    case 'none': return undefined
    case 'blank': case 'raw': return h.text
    case 'bearer': return `${h.pad}${h.scheme} ${h.token}${h.pad}`
    case 'basic': return `${h.pad}${h.scheme} ${basicOf(h.id, h.secret)}${h.pad}`
  }
}

const invalidClient = (description: string): unknown => wireError('invalid_client', description, CHALLENGES.basic)

function model(h: Header, bodyId: unknown, bodySecret: unknown): unknown {
  const read = (name: string, value: unknown): { error?: unknown; value: string | null } => {
    if (value === ABSENT || value === undefined || value === null) return { value: null }
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX) return { error: wireError('invalid_request', `${name} must be a non-empty string.`), value: null }
    return { value }
  }
  const id = read('client_id', bodyId)
  if (id.error !== undefined) return { error: id.error }
  const secret = read('client_secret', bodySecret)
  if (secret.error !== undefined) return { error: secret.error }
  const text = textOf(h)?.trim()
  if (text === undefined || text === '') {
    return id.value === null ? { error: invalidClient('Client authentication is required.') } : { value: { method: 'secret', clientId: id.value, clientSecret: secret.value, via: 'body' } }
  }
  if (h.kind === 'bearer' || text.toLowerCase() === 'bearer') {
    const token = h.kind === 'bearer' ? h.token : ''
    if (token.length === 0 || token.length > MAX) return { error: wireError('invalid_client', 'Malformed Bearer token.', CHALLENGES.invalidToken) }
    if (secret.value !== null) return { error: wireError('invalid_request', 'Use one client authentication method, not two.') }
    return { value: { method: 'bearer', token, bodyClientId: id.value } }
  }
  if (h.kind !== 'basic') {
    return { error: text.toLowerCase().startsWith('basic') ? invalidClient('Malformed Basic credentials.') : invalidClient('Unsupported authorization scheme.') }
  }
  const clientSecret = h.secret === '' ? null : h.secret
  if ((id.value !== null && id.value !== h.id) || (secret.value !== null && secret.value !== clientSecret)) {
    return { error: wireError('invalid_request', 'The Authorization header and the body name different credentials.') }
  }
  return { value: { method: 'secret', clientId: h.id, clientSecret, via: 'basic' } }
}

describe('presented client credentials against their model', () => {
  it('every mix of header and body fields gives the model’s credentials or its error', () => {
    fc.assert(
      fc.property(header, bodyValue, bodyValue, (h, bodyId, bodySecret) => {
        const body = Object.fromEntries(([['client_id', bodyId], ['client_secret', bodySecret]] as const).filter(([, value]) => value !== ABSENT))
        const text = textOf(h)
        const result = presentedCredentials(text === undefined ? {} : { authorization: text }, body)
        const expected = model(h, bodyId, bodySecret) as { error?: unknown; value?: unknown }
        if (expected.error !== undefined) expect(result._unsafeUnwrapErr()).toEqual(expected.error)
        else expect(result._unsafeUnwrap()).toEqual(expected.value)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('Basic credentials: base64(urlencode(id):urlencode(secret))', () => {
  it('round-trips any id and secret, splitting on the first colon after decoding', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }), fc.string({ maxLength: 20, unit: 'grapheme' }), (id, secret) => {
        expect(parseBasic(basicOf(id, secret))._unsafeUnwrap()).toEqual({ clientId: id, clientSecret: secret === '' ? null : secret })
      }),
    )
    // '+' in a form-encoded part is a space.
    expect(parseBasic(btoa('my+app:s+cret'))._unsafeUnwrap()).toEqual({ clientId: 'my app', clientSecret: 's cret' })
  })

  it('is refused, always with one description, when it is not base64, has no colon, no id, a bad escape, or is too long', () => {
    const malformed = invalidClient('Malformed Basic credentials.')
    for (const encoded of ['', '!!!', 'A', btoa('no-colon'), btoa(':secret'), btoa('%zz:secret'), btoa('id:%zz'), `${btoa('id:secret')}===`]) {
      expect(parseBasic(encoded)._unsafeUnwrapErr(), encoded).toEqual(malformed)
    }
    const longest = basicOf('i', 'x'.repeat(3 * MAX - 3))
    expect(longest.length).toBeLessThanOrEqual(4 * MAX)
    expect(parseBasic(longest).isOk()).toBe(true)
    expect(parseBasic(basicOf('i', 'x'.repeat(3 * MAX)))._unsafeUnwrapErr()).toEqual(malformed)
  })
})
