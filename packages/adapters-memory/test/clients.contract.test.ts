import { describeAccessTokenVerifierContract, describeClientRegistryContract } from '@resetkit/testing'
import { createMemoryAccessTokens, createMemoryClientRegistry } from '../src/index.js'

describeClientRegistryContract({ name: 'memory', make: createMemoryClientRegistry })
describeAccessTokenVerifierContract({ name: 'memory', make: createMemoryAccessTokens })
