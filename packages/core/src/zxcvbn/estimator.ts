import type { StrengthEstimator, StrengthScore } from '../policy/strength.js'
import { useFastDictionaryMatchers } from './fast-dictionary.js'

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
   * that the default scores lower; at 32, 4 did. With the fast matchers, 32 costs ~2 ms on a
   * 21-character random password and ~6 ms on average over the 436 adversarial passwords of
   * `@resetkit/core/testing/adversarial`; the worst single check, GC and JIT included, is in
   * `pnpm bench`'s policy table.
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
 * zxcvbn-ts with our dictionaries and bounds. Loaded on first use: the dictionaries cost ~170 ms
 * and tens of MB, which an import must not pay. `fastMatchers: false` is for the differential test.
 */
export async function loadZxcvbn(options: ZxcvbnOptions, { fastMatchers = true } = {}): Promise<LoadedZxcvbn> {
  const [{ ZxcvbnFactory }, common, en, { default: getCleanPasswords }] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    import('@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords.cjs'),
  ])
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    maxLength: options.maxLength ?? SAFE_ZXCVBN_OPTIONS.maxLength,
    l33tMaxSubstitutions: options.l33tMaxSubstitutions ?? SAFE_ZXCVBN_OPTIONS.l33tMaxSubstitutions,
  })
  return { zxcvbn, fastMatchers: fastMatchers && useFastDictionaryMatchers(zxcvbn, getCleanPasswords) }
}

async function loadCheck(options: ZxcvbnOptions): Promise<Check> {
  const { zxcvbn } = await loadZxcvbn(options)
  return (password, userInputs) => zxcvbn.check(password, userInputs).score
}

/**
 * zxcvbn-ts on the calling thread with bounded options. Good for tests, scripts and light load;
 * a server should prefer `createZxcvbnWorkerEstimator` from `@resetkit/core/zxcvbn-worker`,
 * which keeps the event loop free whatever the input.
 */
export function createZxcvbnEstimator(options: ZxcvbnOptions = {}): StrengthEstimator {
  let check: Promise<Check> | undefined
  return {
    async estimate(password, userInputs) {
      check ??= loadCheck(options)
      return (await check)(password, [...userInputs])
    },
  }
}
