import { describeBreachedPasswordCheckerContract } from '@resetkit/core/testing'
import { createMemoryBreachedPasswords } from '../src/index.js'

describeBreachedPasswordCheckerContract({ name: 'memory', make: createMemoryBreachedPasswords })
