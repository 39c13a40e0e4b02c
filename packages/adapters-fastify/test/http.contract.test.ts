import { describeHttpContract } from '@resetkit/testing/http'
import { serveFastify } from './serve.js'

describeHttpContract({ name: 'fastify', serve: (deps, { bodyLimitBytes }) => serveFastify({ ...deps, bodyLimitBytes }) })
