import { afterAll, describe, expect, it } from 'vitest'
import { createZxcvbnEstimator } from '../src/zxcvbn/estimator.js'
// The worker runs compiled JavaScript, so this test uses the built entry.
import { createZxcvbnWorkerEstimator } from '../dist/zxcvbn/worker-estimator.js'

const worker = createZxcvbnWorkerEstimator()
afterAll(() => worker.close())

describe('zxcvbn strength estimators', () => {
  it.each(['password', 'p@ssw0rd123', 'qwerty2024!'])('scores the common pattern %s below 3', async (password) => {
    expect(await createZxcvbnEstimator().estimate(password, [])).toBeLessThan(3)
  })

  // All three scored 3 or more when only 4 l33t variants were matched (the earlier default).
  const byDefault = createZxcvbnEstimator()
  const fourVariants = createZxcvbnEstimator({ l33tMaxSubstitutions: 4 })
  it.each(['C0ff334nn0yin9', '7hund3r!nd1ana', 'c41if0rn1@!'])('sees through the l33t in %s: below 3 by default', async (password) => {
    expect(await byDefault.estimate(password, [])).toBeLessThan(3)
    expect(await fourVariants.estimate(password, [])).toBeGreaterThanOrEqual(3)
  })

  it('scores a long random password 4, on this thread and in the worker alike', async () => {
    const strong = 'vN7#qL2!xP9@rT4$wK8'
    expect(await createZxcvbnEstimator().estimate(strong, [])).toBe(4)
    expect(await worker.estimate(strong, [])).toBe(4)
  })

  it("uses the user's own data: alice's name makes her password weaker", async () => {
    const estimator = createZxcvbnEstimator()
    const withoutInputs = await estimator.estimate('aliceliddell', [])
    const withInputs = await estimator.estimate('aliceliddell', ['alice', 'liddell'])
    expect(withInputs).toBeLessThan(withoutInputs)
  })
})
