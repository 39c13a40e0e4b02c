// A short-lived thread that loads @zxcvbn-ts/language-common and answers with its common
// passwords, then ends, taking the module (and its diceware list and keyboard graphs) with it.
import { dictionary } from '@zxcvbn-ts/language-common'
import { parentPort } from 'node:worker_threads'

parentPort?.postMessage(dictionary['passwords-common'])
