export { resetkitFastify, type ResetkitFastifyOptions } from './plugin.js'
