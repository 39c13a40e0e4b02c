/** Resolves after `ms` (at once for none) without keeping the process alive for it. */
export const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0) {
      resolve()
      return
    }
    // Stryker disable next-line OptionalChaining: Node's timers always have unref; the ?. is for runtimes whose setTimeout returns a number
    setTimeout(resolve, ms).unref?.()
  })
