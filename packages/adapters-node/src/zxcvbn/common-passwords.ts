import { answerFromThread } from '../pool/one-answer-thread.js'

// Loading is a few ms of work that makes ~1 MiB of garbage: a young generation this size is enough.
const LOADER_HEAP = { maxYoungGenerationSizeMb: 4 }

/**
 * The ~49,000 common passwords @zxcvbn-ts/language-common ships, for core's common-password
 * rule (NIST SP 800-63B's blocklist). Loaded when the policy is created, never on import, and in
 * a thread that then ends: imported here, the package's module would keep the list (and more)
 * in this heap for the life of the process, beside the rule's own packed copy.
 *
 * @example
 * createPasswordPolicy({ strength: { estimator }, commonPasswords: { list: commonPasswordList } })
 */
export const commonPasswordList = (): Promise<readonly string[]> =>
  answerFromThread('common-password list', new URL('./common-passwords-thread.js', import.meta.url), { resourceLimits: LOADER_HEAP })
