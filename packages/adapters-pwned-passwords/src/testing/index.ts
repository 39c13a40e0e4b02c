export { startRangeServer, type RangeBehaviour, type RangeServer, type SeenRequest } from './range-server.js'
export { rangeLineFor } from './range-line.js'
