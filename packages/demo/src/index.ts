export { createDemoApp, createDemoServer, type DemoApp } from './app.js'
export { createDemoDeps, type DemoDeps, type DemoLimits, type DemoOverrides } from './deps.js'
export { readConfig, type DemoConfig } from './config.js'
export { DEMO_CLIENTS, DEMO_TOKENS, DEMO_USERS } from './seed.js'
