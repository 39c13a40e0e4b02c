import { describeSessionRevokerContract } from '@resetkit/core/testing'
import { createMemorySessionStore } from '../src/index.js'

describeSessionRevokerContract({ name: 'memory', make: createMemorySessionStore })
