// A short-lived thread that loads zxcvbn-ts's word lists, packs what the fast matchers need and
// hands it to the strength worker, then ends: the ~100 MiB of garbage that loading makes (word
// arrays, ranked-dictionary objects, V8's grown heap) goes back to the system with its heap.
import { parentPort, workerData } from 'node:worker_threads'
import { prepareFastMatchers, type ZxcvbnOptions } from './estimator.js'
import { fastMatcherTransferables } from './fast-matcher-setup.js'

const prepared = await prepareFastMatchers(workerData as ZxcvbnOptions)
parentPort?.postMessage(prepared, prepared.kind === 'fast' ? fastMatcherTransferables(prepared.data) : [])
