import { describeAccessTokenVerifierContract, describeClientRegistryContract } from '@resetkit/core/testing'
import { createMemoryAccessTokens, createMemoryClientRegistry } from '../src/index.js'

describeClientRegistryContract({ name: 'memory', make: createMemoryClientRegistry })
describeAccessTokenVerifierContract({ name: 'memory', make: createMemoryAccessTokens })
