// Fault injection for the port-failure properties: every method call on a wrapped port is
// counted across all ports of a plan, and the `failAt`-th one fails the planned way.
import { PortUnavailableError } from '../src/index.js'

export interface FaultPlan {
  readonly calls: string[]
  readonly failAt: number
  readonly fault: Fault
  /** Calls are counted (and may fail) only while armed, so seeding the world is not counted. */
  armed: boolean
}

export type Fault = 'throw' | 'reject' | 'hang' | 'unavailable'

const failWith = (fault: Fault): Promise<never> => {
  if (fault === 'throw') throw new Error('injected')
  if (fault === 'reject') return Promise.reject(new Error('injected'))
  if (fault === 'unavailable') return Promise.reject(new PortUnavailableError('injected store'))
  return new Promise<never>(() => {})
}

/** Wraps every method of `port` so that the `failAt`-th call across all wrapped ports fails. */
export function faulty<T extends object>(name: string, port: T, plan: FaultPlan): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (plan.armed) {
          plan.calls.push(`${name}.${String(key)}`)
          if (plan.calls.length === plan.failAt) return failWith(plan.fault)
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
}

