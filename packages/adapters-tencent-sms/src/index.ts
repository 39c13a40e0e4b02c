export { createTencentSmsSender, type TencentSmsOptions } from './sender.js'
export { sdkFailure, tencentFailure } from './errors.js'
