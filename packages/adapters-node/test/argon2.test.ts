import { describe, expect, it } from 'vitest'
import { createArgon2Hasher, OWASP_ARGON2ID } from '../src/argon2.js'

describe('argon2id hasher', () => {
  // Small parameters keep the test fast; the defaults are checked by value.
  const hasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 })

  it('uses the OWASP baseline by default', () => {
    expect(OWASP_ARGON2ID).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 })
  })

  it('hashes to a salted argon2id PHC string that verifies only the same password', async () => {
    const a = await hasher.hash('correct horse')
    const b = await hasher.hash('correct horse')
    expect(a).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/)
    expect(a).not.toBe(b)
    expect(await hasher.verify(a, 'correct horse')).toBe(true)
    expect(await hasher.verify(a, 'correct horsE')).toBe(false)
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false)
  })

  it('needsRehash when the parameters or the algorithm differ', async () => {
    const stored = await hasher.hash('pw')
    expect(hasher.needsRehash(stored)).toBe(false)
    expect(createArgon2Hasher().needsRehash(stored)).toBe(true)
    expect(hasher.needsRehash('$2b$10$bcrypt')).toBe(true)
  })
})
