import { verify as bcryptVerify } from '@node-rs/bcrypt'
import { createHash, pbkdf2, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto'
import { promisify } from 'node:util'

const pbkdf2Async = promisify(pbkdf2)
const scryptAsync = promisify(scrypt) as (password: BinaryLike, salt: BinaryLike, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>

/** A stored hash we know how to check: its family, and the check (on libuv's pool, never the event loop). */
export interface LegacyHash {
  readonly scheme: string
  verify(password: string): Promise<boolean>
}

// Costs a stored hash may ask for. Hashes come from your own table, but a corrupted or planted
// row must not buy minutes of CPU or gigabytes of memory per check.
export const LEGACY_LIMITS = { pbkdf2Iterations: 10_000_000, scryptMemoryBytes: 128 * 1024 * 1024, scryptParallelism: 16, bcryptCost: 15 } as const

const DIGESTS: Readonly<Record<string, number>> = { sha1: 20, sha256: 32, sha512: 64 }

const wholeNumber = (text: string | undefined): number => (text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN)

const equal = (derived: Buffer, expected: Buffer): boolean => derived.length === expected.length && timingSafeEqual(derived, expected)

/** passlib's "adapted base64": `.` for `+`, no padding. */
const ab64 = (text: string): Buffer => Buffer.from(text.replace(/\./g, '+'), 'base64')
const isBase64 = (text: string): boolean => /^[A-Za-z0-9+/.]*={0,2}$/.test(text)
const isHex = (text: string): boolean => /^(?:[0-9a-f]{2})+$/i.test(text)

function pbkdf2Hash(scheme: string, digest: string, iterations: number, salt: Buffer, expected: Buffer): LegacyHash | null {
  if (!(iterations >= 1 && iterations <= LEGACY_LIMITS.pbkdf2Iterations) || expected.length === 0) return null
  return { scheme, verify: async (password) => equal(await pbkdf2Async(password, salt, iterations, expected.length, digest), expected) }
}

function scryptHash(scheme: string, n: number, r: number, p: number, salt: Buffer, expected: Buffer): LegacyHash | null {
  const memory = 128 * n * r
  const powerOfTwo = n > 1 && (n & (n - 1)) === 0
  if (!powerOfTwo || !(r >= 1 && p >= 1 && p <= LEGACY_LIMITS.scryptParallelism) || memory > LEGACY_LIMITS.scryptMemoryBytes || expected.length === 0) return null
  // Node wants maxmem above 128·N·r; leave headroom as the Python tools do.
  const options = { N: n, r, p, maxmem: 2 * memory + 1024 * 1024 }
  return { scheme, verify: async (password) => equal(await scryptAsync(password, salt, expected.length, options), expected) }
}

function bcryptHash(scheme: string, encoded: string, prepare: (password: string) => string = (password) => password): LegacyHash | null {
  const match = /^\$2[abxy]\$(\d\d)\$[./A-Za-z0-9]{53}$/.exec(encoded)
  const cost = wholeNumber(match?.[1])
  if (!(cost >= 4 && cost <= LEGACY_LIMITS.bcryptCost)) return null
  return { scheme, verify: (password) => bcryptVerify(prepare(password), encoded) }
}

const sha256Hex = (password: string): string => createHash('sha256').update(password, 'utf8').digest('hex')

// Django: algorithm$…; the salt is used as its UTF-8 text, hashes are base64.
function django(encoded: string): LegacyHash | null {
  const [algorithm, ...parts] = encoded.split('$')
  if (algorithm === 'pbkdf2_sha256' || algorithm === 'pbkdf2_sha1') {
    const [iterations, salt, hash] = parts
    if (parts.length !== 3 || salt === undefined || hash === undefined || !isBase64(hash)) return null
    return pbkdf2Hash(`django ${algorithm}`, algorithm.slice('pbkdf2_'.length), wholeNumber(iterations), Buffer.from(salt, 'utf8'), Buffer.from(hash, 'base64'))
  }
  if (algorithm === 'scrypt') {
    const [n, salt, r, p, hash] = parts
    if (parts.length !== 5 || salt === undefined || hash === undefined || !isBase64(hash)) return null
    return scryptHash('django scrypt', wholeNumber(n), wholeNumber(r), wholeNumber(p), Buffer.from(salt, 'utf8'), Buffer.from(hash, 'base64'))
  }
  if (algorithm === 'bcrypt_sha256') return bcryptHash('django bcrypt_sha256', encoded.slice('bcrypt_sha256$'.length), sha256Hex)
  if (algorithm === 'bcrypt') return bcryptHash('django bcrypt', encoded.slice('bcrypt$'.length))
  return null
}

// Werkzeug: method$salt$hex, with method "pbkdf2:sha256:600000" or "scrypt:32768:8:1".
function werkzeug(encoded: string): LegacyHash | null {
  const [method = '', salt, hash, ...rest] = encoded.split('$')
  if (salt === undefined || hash === undefined || rest.length > 0 || !isHex(hash)) return null
  const [kind, ...params] = method.split(':')
  const expected = Buffer.from(hash, 'hex')
  const saltBytes = Buffer.from(salt, 'utf8')
  if (kind === 'pbkdf2' && params.length === 2 && DIGESTS[params[0] ?? ''] !== undefined) {
    return pbkdf2Hash(`werkzeug pbkdf2:${params[0]}`, params[0] ?? '', wholeNumber(params[1]), saltBytes, expected)
  }
  if (kind === 'scrypt' && params.length === 3) return scryptHash('werkzeug scrypt', wholeNumber(params[0]), wholeNumber(params[1]), wholeNumber(params[2]), saltBytes, expected)
  return null
}

// passlib's modular crypt: $pbkdf2-sha256$rounds$salt$hash, $scrypt$ln=…,r=…,p=…$salt$hash.
function passlib(encoded: string): LegacyHash | null {
  const [empty, ident, settings, salt, hash, ...rest] = encoded.split('$')
  if (empty !== '' || salt === undefined || hash === undefined || rest.length > 0 || !isBase64(salt) || !isBase64(hash)) return null
  const digest = ident === 'pbkdf2' ? 'sha1' : ident?.startsWith('pbkdf2-') === true ? ident.slice('pbkdf2-'.length) : undefined
  if (digest !== undefined && DIGESTS[digest] !== undefined) return pbkdf2Hash(`passlib ${ident ?? ''}`, digest, wholeNumber(settings), ab64(salt), ab64(hash))
  if (ident === 'scrypt') {
    const params = new Map((settings ?? '').split(',').map((pair) => pair.split('=') as [string, string]))
    const ln = wholeNumber(params.get('ln'))
    if (!(ln >= 1 && ln <= 30)) return null
    return scryptHash('passlib scrypt', 2 ** ln, wholeNumber(params.get('r')), wholeNumber(params.get('p')), Buffer.from(salt, 'base64'), Buffer.from(hash, 'base64'))
  }
  return null
}

/**
 * The legacy hash `encoded` is, if it is one of the common formats within the cost limits:
 * bcrypt ($2a$, $2b$, $2y$), Django (pbkdf2_sha256, pbkdf2_sha1, scrypt, bcrypt_sha256,
 * bcrypt), Werkzeug (pbkdf2:sha256|sha512|sha1, scrypt) and passlib ($pbkdf2-sha256,
 * $pbkdf2-sha512, $pbkdf2, $scrypt). Null for anything else.
 */
export function parseLegacyHash(encoded: string): LegacyHash | null {
  if (encoded.length > 1024) return null
  if (/^\$2[abxy]\$/.test(encoded)) return bcryptHash('bcrypt', encoded)
  if (encoded.startsWith('$')) return passlib(encoded)
  if (/^(pbkdf2|scrypt):/.test(encoded)) return werkzeug(encoded)
  return django(encoded)
}
