import { dictionary } from '@zxcvbn-ts/language-common'
import { describe, expect, it } from 'vitest'
// Threads run compiled JavaScript, so this uses the built modules, as the adapters do.
import { answerFromThread } from '../dist/pool/one-answer-thread.js'
import { commonPasswordList } from '../dist/zxcvbn/common-passwords.js'

const fixture = (name: string) => new URL(`./fixtures/pool/${name}`, import.meta.url)

describe('a thread that answers once', () => {
  it('resolves with its first message', async () => {
    await expect(answerFromThread('echo', fixture('answers-twice.mjs'), { workerData: { n: 1 } })).resolves.toEqual({ n: 1 })
  })

  it('rejects with the error of a thread that throws before answering', async () => {
    await expect(answerFromThread('broken', fixture('throws-on-load.mjs'))).rejects.toThrow('cannot load')
  })

  it('rejects, naming the thread and its exit code, when it ends without answering', async () => {
    await expect(answerFromThread('silent', fixture('exits-silently.mjs'))).rejects.toThrow('silent thread exited (code 3) without an answer')
  })

  it('loads the common-password list: exactly the words zxcvbn-ts ships, in order', async () => {
    expect(await commonPasswordList()).toEqual(dictionary['passwords-common'])
  })

  it('shares one load among callers, and the list it hands out cannot be changed by one of them', async () => {
    const lists = await Promise.all([commonPasswordList(), commonPasswordList(), commonPasswordList()])
    expect(new Set(lists).size).toBe(1)
    expect(Object.isFrozen(lists[0])).toBe(true)
    // Kept only weakly, so this may be a new load if a GC ran: equal either way.
    expect(await commonPasswordList()).toEqual(lists[0])
  })
})
