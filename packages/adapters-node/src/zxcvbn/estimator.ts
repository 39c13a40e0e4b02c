import type { StrengthEstimator, StrengthScore } from '@resetkit/core'
import { createRequire } from 'node:module'
import { dirname, sep } from 'node:path'
import { installFastMatchers, packFastMatcherData, type FastMatcherData, type LibraryInternals } from './fast-matcher-setup.js'
import type { EstimateGuesses } from './fast-scoring.js'

export interface ZxcvbnOptions {
  /**
   * Characters zxcvbn looks at; the rest is ignored. zxcvbn's default of 256 lets one request
   * block a core for seconds (measured: ~0.5 s for 64 l33t characters). A prefix that is weak
   * makes the password weak, so the cut can only refuse more, never accept a weak password.
   */
  readonly maxLength?: number
  /**
   * How many l33t-decoded variants of the password are matched (zxcvbn's default: 100). At 4,
   * 134 of 3,000 generated l33t passwords ("C0ff334nn0yin9", "c41if0rn1@!") scored 3 or more
   * that the default scores lower; at 32, 4 did. What 32 costs per check with the fast matchers
   * (typical and adversarial passwords) is in `pnpm bench:zxcvbn`'s table in this package's
   * README; the worst single check, GC and JIT included, is in `pnpm bench`'s policy table.
   */
  readonly l33tMaxSubstitutions?: number
}

export const SAFE_ZXCVBN_OPTIONS = { maxLength: 32, l33tMaxSubstitutions: 32 } as const

type Check = (password: string, userInputs: string[]) => StrengthScore

export interface LoadedZxcvbn {
  readonly zxcvbn: InstanceType<typeof import('@zxcvbn-ts/core').ZxcvbnFactory>
  /** Whether the fast dictionary matchers are in (false: the library's own, e.g. after an upgrade). */
  readonly fastMatchers: boolean
}

/**
 * The one zxcvbn-ts release the fast matchers were checked against, match for match, by the
 * differential test. Any other release gets the library's own matchers: slower, never wrong.
 */
export const FAST_MATCHERS_ZXCVBN_VERSION = '4.2.0'

/** Why the library's own matchers are in use: another release, a deep import that failed, or an unexpected shape. */
export type FastMatchersFallback = 'other_version' | 'load_failed' | 'unexpected_shape'

export interface ZxcvbnLoadOptions {
  /** false: the library's own matchers (the differential test's reference). Default true. */
  readonly fastMatchers?: boolean
  /** Told when the fast matchers cannot be used; by default one stderr line per thread. */
  readonly onFallback?: (reason: FastMatchersFallback) => void
  /** The undocumented parts the fast matchers need; replaceable so tests can make them fail. */
  readonly loadFastMatcherParts?: () => Promise<FastMatcherParts>
}

let fallbackReported = false
const warnOnce = (reason: FastMatchersFallback): void => {
  if (fallbackReported) return
  fallbackReported = true
  console.warn(`resetkit zxcvbn: using zxcvbn-ts's own dictionary matchers and scoring (${reason}); checks are correct but 20 to 30 times slower`)
}

/** The installed release, and (for the checked release only) its estimate of one match. */
export interface FastMatcherParts {
  readonly version: string
  readonly estimateGuesses?: EstimateGuesses
}

// Only here, and only for the checked release, does anything reach into zxcvbn-ts's dist.
async function loadFastMatcherParts(): Promise<FastMatcherParts> {
  const { version } = createRequire(import.meta.url)('@zxcvbn-ts/core/package.json') as { version: string }
  if (version !== FAST_MATCHERS_ZXCVBN_VERSION) return { version }
  const { default: estimateGuesses } = await import('@zxcvbn-ts/core/dist/scoring/estimate.cjs')
  return { version, estimateGuesses }
}

/** zxcvbn-ts's parts the fast matchers and scoring reuse, when they may be used here, or why they may not. */
async function fastMatcherInternals(load: ZxcvbnLoadOptions): Promise<LibraryInternals | FastMatchersFallback> {
  let parts: FastMatcherParts
  try {
    parts = await (load.loadFastMatcherParts ?? loadFastMatcherParts)()
  } catch {
    return 'load_failed'
  }
  const { version, estimateGuesses } = parts
  if (version !== FAST_MATCHERS_ZXCVBN_VERSION || estimateGuesses === undefined) return 'other_version'
  return { estimateGuesses }
}

type LanguagePackages = [typeof import('@zxcvbn-ts/language-common'), typeof import('@zxcvbn-ts/language-en')]
const LANGUAGE_PACKAGES = ['@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'] as const

/**
 * The word lists, through require and then out of its cache: once zxcvbn has ranked them (and
 * the fast matchers packed them) nothing may keep their ~236,000 strings alive, and an ES
 * module's namespace would, for as long as the thread runs.
 */
function loadLanguagePackages(): LanguagePackages {
  const require = createRequire(import.meta.url)
  const loaded = LANGUAGE_PACKAGES.map((name) => require(name) as unknown) as LanguagePackages
  const folders = LANGUAGE_PACKAGES.map((name) => dirname(require.resolve(`${name}/package.json`)) + sep)
  for (const file of Object.keys(require.cache)) if (folders.some((folder) => file.startsWith(folder))) delete require.cache[file]
  return loaded
}

type Zxcvbn = LoadedZxcvbn['zxcvbn']
type ZxcvbnParts = Pick<ConstructorParameters<typeof import('@zxcvbn-ts/core').ZxcvbnFactory>[0] & object, 'dictionary' | 'graphs' | 'translations'>

async function newZxcvbn(options: ZxcvbnOptions, parts: ZxcvbnParts): Promise<Zxcvbn> {
  const { ZxcvbnFactory } = await import('@zxcvbn-ts/core')
  return new ZxcvbnFactory({
    ...parts,
    maxLength: options.maxLength ?? SAFE_ZXCVBN_OPTIONS.maxLength,
    l33tMaxSubstitutions: options.l33tMaxSubstitutions ?? SAFE_ZXCVBN_OPTIONS.l33tMaxSubstitutions,
  })
}

type SmallParts = { readonly graphs: LanguagePackages[0]['adjacencyGraphs']; readonly translations: LanguagePackages[1]['translations'] }

/** zxcvbn-ts with every word list (the library's own matchers, or the source of the fast ones), and its small parts. */
async function fullZxcvbn(options: ZxcvbnOptions): Promise<{ zxcvbn: Zxcvbn; parts: SmallParts }> {
  const [common, en] = loadLanguagePackages()
  const parts = { graphs: common.adjacencyGraphs, translations: en.translations }
  return { zxcvbn: await newZxcvbn(options, { dictionary: { ...common.dictionary, ...en.dictionary }, ...parts }), parts }
}

/**
 * What the fast matchers are made from, as plain data that can cross threads (the indexes'
 * buffers by transfer): the heavy part of loading, which a worker does in a thread of its own
 * that then ends, so none of the garbage of loading stays behind. 'unexpected_shape' when the
 * loaded instance is not one the fast matchers reproduce.
 */
export type PreparedZxcvbn = { readonly kind: 'fast'; readonly data: FastMatcherData; readonly parts: SmallParts } | { readonly kind: 'unexpected_shape' }

export async function prepareFastMatchers(options: ZxcvbnOptions): Promise<PreparedZxcvbn> {
  const { zxcvbn, parts } = await fullZxcvbn(options)
  const data = packFastMatcherData(zxcvbn)
  return data === undefined ? { kind: 'unexpected_shape' } : { kind: 'fast', data, parts }
}

/** A fresh instance with no word lists of its own, and the fast matchers over what was prepared, or why not. */
async function fastZxcvbn(prepare: (options: ZxcvbnOptions) => Promise<PreparedZxcvbn>, options: ZxcvbnOptions, load: ZxcvbnLoadOptions): Promise<LoadedZxcvbn | FastMatchersFallback> {
  // Checked first, here: where the fast matchers cannot run, nothing is prepared for them.
  const internals = await fastMatcherInternals(load)
  if (typeof internals === 'string') return internals
  const prepared = await prepare(options)
  if (prepared.kind !== 'fast') return prepared.kind
  const zxcvbn = await newZxcvbn(options, { dictionary: {}, ...prepared.parts })
  return installFastMatchers(zxcvbn, internals, prepared.data) ? { zxcvbn, fastMatchers: true } : 'unexpected_shape'
}

/**
 * `loadZxcvbn` with the heavy part done by `prepare` (in a thread of its own, for the worker);
 * what it prepares is used just as if this thread had prepared it.
 */
export async function loadZxcvbnPreparedBy(
  prepare: (options: ZxcvbnOptions) => Promise<PreparedZxcvbn>,
  options: ZxcvbnOptions,
  load: ZxcvbnLoadOptions = {},
): Promise<LoadedZxcvbn> {
  if (load.fastMatchers !== false) {
    const loaded = await fastZxcvbn(prepare, options, load)
    if (typeof loaded !== 'string') return loaded
    ;(load.onFallback ?? warnOnce)(loaded)
  }
  return { zxcvbn: (await fullZxcvbn(options)).zxcvbn, fastMatchers: false }
}

/**
 * zxcvbn-ts with our dictionaries and bounds. Loaded on first use: the dictionaries cost ~170 ms
 * and tens of MB, which an import must not pay. The fast matchers are a speed-up only: if they
 * cannot be used, the library's own matchers stay and `onFallback` is told.
 */
export function loadZxcvbn(options: ZxcvbnOptions, load: ZxcvbnLoadOptions = {}): Promise<LoadedZxcvbn> {
  return loadZxcvbnPreparedBy(prepareFastMatchers, options, load)
}

/**
 * zxcvbn-ts on the calling thread with bounded options. Good for tests, scripts and light load;
 * a server should prefer `createZxcvbnWorkerEstimator` (same entry),
 * which keeps the event loop free whatever the input.
 */
export function createZxcvbnEstimator(options: ZxcvbnOptions & ZxcvbnLoadOptions = {}): StrengthEstimator {
  let check: Promise<Check> | undefined
  const load = (): Promise<Check> =>
    loadZxcvbn(options, options).then(
      ({ zxcvbn }) => (password, userInputs) => zxcvbn.check(password, userInputs).score,
      (error: unknown) => {
        check = undefined // a failed load is tried again by the next check, never cached
        throw error
      },
    )
  return {
    async estimate(password, userInputs) {
      check ??= load()
      return (await check)(password, [...userInputs])
    },
  }
}
