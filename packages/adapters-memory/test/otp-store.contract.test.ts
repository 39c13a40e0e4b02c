import { describeOtpStoreContract, describeWindowBudgetContract } from '@resetkit/testing'
import { createMemoryOtpStore, createMemoryWindowBudget } from '../src/index.js'

describeOtpStoreContract({ name: 'memory', make: createMemoryOtpStore })
describeWindowBudgetContract({ name: 'memory', make: createMemoryWindowBudget })
