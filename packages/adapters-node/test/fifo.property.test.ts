import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createFifo } from '../src/pool/fifo.js'

type Op = { kind: 'push' | 'pushFront'; value: number } | { kind: 'take'; count: number }

describe('the pool queue', () => {
  it('behaves as an array taken from the front, whatever the mix of pushes, returns to the front and takes, across compactions', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), value: fc.integer() }),
      fc.record({ kind: fc.constant('pushFront' as const), value: fc.integer() }),
      // Long runs of takes, so the taken prefix passes the 1,024 at which the queue compacts.
      fc.record({ kind: fc.constant('take' as const), count: fc.integer({ min: 1, max: 1500 }) }),
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(op, fc.integer({ min: 1, max: 1500 })), { maxLength: 30 }), (steps) => {
        const fifo = createFifo<number>()
        const model: number[] = []
        for (const [step, repeat] of steps as [Op, number][]) {
          if (step.kind === 'take') {
            for (let i = 0; i < step.count; i++) expect(fifo.take()).toBe(model.shift())
          } else {
            for (let i = 0; i < repeat; i++) {
              const value = step.value + i
              if (step.kind === 'push') {
                fifo.push(value)
                model.push(value)
              } else {
                fifo.pushFront(value)
                model.unshift(value)
              }
            }
          }
          expect(fifo.size).toBe(model.length)
        }
      }),
      { numRuns: 100 },
    )
  })
})
