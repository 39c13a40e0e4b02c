// The parts of the event loop's work that `pnpm bench:profile` (V8's sampler) and
// `node bench/perf-parts.js` (perf) report a reset's CPU in, by the URL of the code.
// The first rule a frame's URL or name matches names its part; a frame with no URL of its own
// (a native or V8 built-in) counts for the nearest caller that has one.
export const PARTS = [
  // The rate limiters (rate-limiter-flexible behind the http package's port) and the memory
  // window budgets (resend limits, delivery budgets); the core's building of window keys stays in
  // "resetkit core", whose bundle keeps no file names.
  ['limits (rate limiters, window budgets)', /rate-limit|rate-limiter-flexible|window-budget/],
  ['resetkit core', /@resetkit\/core|packages\/core\//],
  ['resetkit http', /@resetkit\/http|packages\/http\//],
  ['resetkit transport (Express router)', /adapters-express/],
  ['resetkit stores (memory)', /adapters-memory/],
  ['resetkit worker pool (hand-offs)', /adapters-node\/(dist|src)\/pool\//],
  ['resetkit workers (hand-off to argon2id, zxcvbn)', /adapters-node/],
  ['resetkit server (composition, audit to the logger)', /packages\/server\//],
  ['demo (console lines, config)', /packages\/demo\//],
  ['Express', /node_modules\/.pnpm\/(express|router|body-parser|finalhandler|send|serve-static|qs|path-to-regexp|on-finished|type-is|accepts|content-type|mime|raw-body|depd|debug|parseurl|fresh|proxy-addr|forwarded|ipaddr)/],
  ['pino (audit lines)', /pino|sonic-boom|fast-redact|quick-format|thread-stream|atomic-sleep/],
  ['neverthrow', /neverthrow/],
  ['libphonenumber', /libphonenumber/],
  ['Node HTTP, net and streams', /node:(_http|http|net|stream|internal\/streams|internal\/http|_stream)|node:internal\/(stream|http|net|js_stream)/],
  ['Node crypto', /node:(crypto|internal\/crypto)/],
  ['bench harness (IPC: stats for the load generator)', /node:(child_process|internal\/child_process)|bench\/server\.js/],
  ['Node worker messaging (pool hand-offs)', /node:internal\/(worker|per_context\/messageport|event_target)/],
  ['Node timers and task queues', /node:(timers|internal\/timers|internal\/process\/(task_queues|promises)|internal\/async_hooks|async_hooks)/],
  ['the profiler itself', /node:inspector/],
  ['Node other', /^node:/],
]

/** The first part whose pattern the code's URL matches. */
export const partOfUrl = (url) => PARTS.find(([, pattern]) => pattern.test(url))?.[0] ?? 'other JavaScript'
