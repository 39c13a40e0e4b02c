import { describeOtpStoreContract } from '@resetkit/core/testing'
import { createMemoryOtpStore } from '../src/index.js'

describeOtpStoreContract({ name: 'memory', make: createMemoryOtpStore })
