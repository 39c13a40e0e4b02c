import { describeResetFlowContract } from '@resetkit/testing'
import { createMemoryOtpStore, createMemoryUserStore, createMemoryWindowBudget } from '../src/index.js'

describeResetFlowContract({ name: 'memory', make: (users) => ({ users: createMemoryUserStore(users), otpStore: createMemoryOtpStore(), windows: createMemoryWindowBudget() }) })
