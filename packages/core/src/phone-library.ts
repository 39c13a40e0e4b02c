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

let loaded: ReturnType<typeof load> | undefined

/**
 * libphonenumber-js, loaded on first use (some 25 ms of parsing and evaluating its code and
 * metadata) rather than when core is imported. The use cases that read phone numbers ask for it
 * when they are created, so a server pays at start-up and its first phone-number request does not.
 */
export function phoneLibrary(): PhoneLibrary {
  return (loaded ??= load()).library
}

/** Which copy was loaded: a test fails if an upgrade quietly falls back to the slower entry. */
export function phoneLibrarySource(): 'bundle' | 'entry' {
  return (loaded ??= load()).source
}

/** Whether it has been loaded yet (for the tests of when that happens). */
export const phoneLibraryLoaded = (): boolean => loaded !== undefined
