import { describeOtpStoreContract } from '@resetkit/testing'
import { createMemoryOtpStore } from '../src/index.js'

describeOtpStoreContract({ name: 'memory', make: createMemoryOtpStore })
