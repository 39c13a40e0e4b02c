// zxcvbn-ts 4.2's l33t variant enumerator (unmunger/getCleanPasswords.cjs): the same depth-first
// walk over its substitution trie, in the same order, under the same limit and the same rule
// against a fourth substitution of one letter in a row, so the variants and their order are the
// library's. Without its waste: a fresh object of arguments and a fresh changes array at every
// step, and each trie node's key joined again from its path.

/** A node of zxcvbn-ts's substitution trie (unmunger/TrieNode.cjs): what this walk reads of it. */
export interface L33tTrieNode {
  getChild(character: string): L33tTrieNode | undefined
  /** The letters this node's path stands for; absent on a node that ends no substitution. */
  readonly subs?: readonly string[]
}

export interface PasswordChange {
  readonly letter: string
  readonly substitution: string
  readonly i: number
}
export interface PasswordWithSubs {
  readonly password: string
  readonly changes: readonly PasswordChange[]
  readonly isFullSubstitution: boolean
}

/** A password's l33t variants, at most `limit`: zxcvbn-ts's getCleanPasswords, or `enumerateL33tVariants`. */
export type GetCleanPasswords = (password: string, limit: number, trieRoot: L33tTrieNode) => PasswordWithSubs[]

/**
 * The password's l33t variants, at most `limit`: first those with every substitutable position
 * substituted, then those with some left as typed.
 */
export function enumerateL33tVariants(password: string, limit: number, trieRoot: L33tTrieNode): PasswordWithSubs[] {
  const found: PasswordWithSubs[] = []
  const letters: string[] = []
  const changes: PasswordChange[] = []
  const walk = (onlyFullSub: boolean, isFullSub: boolean, index: number, subIndex: number, lastSub: string | undefined, consecutiveSubs: number): void => {
    if (found.length >= limit) return
    if (index === password.length) {
      if (onlyFullSub === isFullSub) found.push({ password: letters.join(''), changes: changes.slice(), isFullSubstitution: onlyFullSub })
      return
    }
    // The trie's nodes along the password from here: each a possible substitution's key.
    const nodes: L33tTrieNode[] = []
    for (let at = index, node: L33tTrieNode | undefined = trieRoot; at < password.length; at += 1) {
      node = node.getChild(password.charAt(at))
      if (node === undefined) break
      nodes.push(node)
    }
    let hasSubs = false
    // The widest substitution first.
    for (let depth = nodes.length; depth >= 1; depth -= 1) {
      const subs = (nodes[depth - 1] as L33tTrieNode).subs
      if (!subs) continue
      // A node's key is its path from the root: the password's characters it was reached by.
      const sub = password.slice(index, index + depth)
      // A fourth substitution of the same key in a row is skipped: no language repeats a letter four times.
      if (lastSub === sub && consecutiveSubs >= 3) continue
      hasSubs = true
      for (const letter of subs) {
        letters.push(letter)
        changes.push({ i: subIndex, letter, substitution: sub })
        walk(onlyFullSub, isFullSub, index + depth, subIndex + letter.length, sub, lastSub === sub ? consecutiveSubs + 1 : 1)
        changes.pop()
        letters.pop()
        if (found.length >= limit) return
      }
    }
    // Then the character as typed, when partial substitutions are wanted or none was possible here.
    if (!onlyFullSub || !hasSubs) {
      letters.push(password.charAt(index))
      walk(onlyFullSub, isFullSub && !hasSubs, index + 1, subIndex + 1, lastSub, consecutiveSubs)
      letters.pop()
    }
  }
  walk(true, true, 0, 0, undefined, 0)
  walk(false, true, 0, 0, undefined, 0)
  return found
}
