// The demo's resetkit on plain node:http: PORT=3002 node dist/main.js
import { createDemoDeps, readConfig } from '@resetkit/demo'
import { createResetkitServer } from './server.js'

const config = readConfig(process.env)
const server = createResetkitServer(await createDemoDeps(config))
server.listen(config.port, () => console.log(`resetkit on node:http: http://localhost:${config.port}`))
