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
