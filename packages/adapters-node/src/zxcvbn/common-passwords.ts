import { answerFromThread } from '../pool/one-answer-thread.js'

// Loading is a few ms of work that makes ~1 MiB of garbage: a young generation this size is enough.
const LOADER_HEAP = { maxYoungGenerationSizeMb: 4 }

let loading: Promise<readonly string[]> | undefined
// Held weakly: once every rule has packed it, the list goes with the next full GC, yet policies
// made meanwhile (a test suite's one per case) share it instead of each starting a thread.
let lastLoaded: WeakRef<readonly string[]> | undefined

/**
 * The ~49,000 common passwords @zxcvbn-ts/language-common ships, for core's common-password
 * rule (NIST SP 800-63B's blocklist). Loaded when the policy is created, never on import, and in
 * a thread that then ends: imported here, the package's module would keep the list (and more)
 * in this heap for the life of the process, beside the rule's own packed copy. Callers at the
 * same time share one load, and get the same frozen array.
 *
 * @example
 * createPasswordPolicy({ strength: { estimator }, commonPasswords: { list: commonPasswordList } })
 */
export function commonPasswordList(): Promise<readonly string[]> {
  const loaded = lastLoaded?.deref()
  if (loaded !== undefined) return Promise.resolve(loaded)
  loading ??= answerFromThread<string[]>('common-password list', new URL('./common-passwords-thread.js', import.meta.url), { resourceLimits: LOADER_HEAP })
    .then((list) => {
      const shared = Object.freeze(list)
      lastLoaded = new WeakRef(shared)
      return shared
    })
    // A failed load is tried again by the next caller, never cached.
    .finally(() => (loading = undefined))
  return loading
}
