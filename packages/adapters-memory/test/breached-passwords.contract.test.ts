import { describeBreachedPasswordCheckerContract } from '@resetkit/testing'
import { createMemoryBreachedPasswords } from '../src/index.js'

describeBreachedPasswordCheckerContract({ name: 'memory', make: createMemoryBreachedPasswords })
