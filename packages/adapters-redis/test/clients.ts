import { Redis } from 'ioredis'
import { Redis as Redis6 } from 'ioredis6'

/** Both ioredis majors the peer range allows; every suite here runs on each. */
export const IOREDIS_MAJORS: readonly (readonly [string, typeof Redis])[] = [
  ['ioredis 5', Redis],
  // Same API; its class is declared separately, so TypeScript needs telling.
  ['ioredis 6', Redis6 as unknown as typeof Redis],
]
