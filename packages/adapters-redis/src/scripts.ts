// Each script is one atomic step: Redis runs a script to the end before any other command, so
// these hold however many instances share the server.

/** KEYS: record, live pointer. ARGV: tokenId, ttlMs, then field/value pairs. */
export const ISSUE = `
local previous = redis.call('GET', KEYS[2])
if previous and previous ~= ARGV[1] then redis.call('DEL', ARGV[#ARGV]  .. previous) end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3, #ARGV - 1))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 1`

/** KEYS: record. ARGV: maxAttempts. 1 if an attempt was reserved. */
export const RESERVE_ATTEMPT = `
local attempts = redis.call('HGET', KEYS[1], 'attempts')
if not attempts or tonumber(attempts) >= tonumber(ARGV[1]) then return 0 end
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
return 1`

/** KEYS: record. */
export const REFUND_ATTEMPT = `
local attempts = redis.call('HGET', KEYS[1], 'attempts')
if attempts and tonumber(attempts) > 0 then redis.call('HINCRBY', KEYS[1], 'attempts', -1) end
return 1`

/** KEYS: record. ARGV: now. 1 for the one caller that consumed it. */
export const CONSUME = `
local record = redis.call('HMGET', KEYS[1], 'consumed', 'expiresAt')
if not record[1] or record[1] ~= '0' or tonumber(record[2]) <= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'consumed', '1')
return 1`

/** KEYS: record. */
export const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'consumed', '0') end
return 1`

// Redis's own clock, in milliseconds: every instance's windows share one timeline, so an
// instance whose clock is skewed can neither prune another's entries early nor dodge them.
const SERVER_NOW = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`

/**
 * Sliding-window budgets, all or nothing. KEYS: one sorted set of times per window. ARGV:
 * member, then cooldownMs, maxPerWindow, windowMs for each key in turn. Returns {1, 0, 0} when
 * every window admits the entry (it is then added to each), or {0, retryAfterMs, index} for the
 * first window that refuses (1-based). Sends use the cooldown; guesses pass 0 and their own
 * member, so a refund can remove exactly theirs.
 */
export const RESERVE_IN_WINDOWS = `${SERVER_NOW}
for i = 1, #KEYS do
  local cooldown = tonumber(ARGV[i * 3 - 1])
  local window = tonumber(ARGV[i * 3 + 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local last = redis.call('ZREVRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  if last[2] and now - tonumber(last[2]) < cooldown then
    return {0, cooldown - (now - tonumber(last[2])), i}
  end
  if redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[i * 3]) then
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    return {0, tonumber(oldest[2]) + window - now, i}
  end
end
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[i * 3 + 1]))
end
return {1, 0, 0}`
