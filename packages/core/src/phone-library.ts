import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Script } from 'node:vm'
import type * as Mobile from 'libphonenumber-js/mobile'

/** What core uses of libphonenumber-js, with its mobile metadata (mobile ranges only). */
export type PhoneLibrary = Pick<typeof Mobile, 'parsePhoneNumberFromString' | 'isSupportedCountry'>

const require = createRequire(import.meta.url)

/**
 * libphonenumber-js's module entry is some 80 files: linking them was 50 ms of core's 90 ms cold
 * import. Its single-file bundle of the same code and metadata evaluates in about 12 ms. The
 * bundle is not in the package's exports map, so it is run the way the CommonJS loader runs a
 * file; if a later version drops it, the regular CommonJS entry (about 28 ms) is used instead.
 */
function load(): { readonly library: PhoneLibrary; readonly source: 'bundle' | 'entry' } {
  try {
    const file = join(dirname(require.resolve('libphonenumber-js')), 'bundle', 'libphonenumber-mobile.js')
    const exports: Partial<PhoneLibrary> = {}
    const run = new Script(`(function (exports, module) {${readFileSync(file, 'utf8')}\n})`, { filename: file }).runInThisContext() as (exports: object, module: object) => void
    run(exports, { exports })
    if (typeof exports.parsePhoneNumberFromString === 'function' && typeof exports.isSupportedCountry === 'function') return { library: exports as PhoneLibrary, source: 'bundle' }
  } catch {
    // fall through to the regular entry
  }
  // Stryker disable next-line ObjectLiteral,StringLiteral: reached only if libphonenumber's bundle changes shape; phone-library.property.test pins source = 'bundle' and fails first
  return { library: require('libphonenumber-js/mobile') as PhoneLibrary, source: 'entry' }
}

const loaded = load()
export const phoneLibrary: PhoneLibrary = loaded.library
/** Which copy was loaded: a test fails if an upgrade quietly falls back to the slower entry. */
export const phoneLibrarySource = loaded.source
