import { describeSessionRevokerContract } from '@resetkit/testing'
import { createMemorySessionStore } from '../src/index.js'

describeSessionRevokerContract({ name: 'memory', make: createMemorySessionStore })
