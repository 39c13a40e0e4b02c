import { describeUserStoreContract } from '@resetkit/testing'
import { createMemoryUserStore } from '../src/index.js'

describeUserStoreContract({ name: 'memory', make: (users) => createMemoryUserStore(users) })
