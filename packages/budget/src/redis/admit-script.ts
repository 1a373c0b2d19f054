// The Lua script that takes rate-limit counters and budget reservations in one atomic round trip.

/**
 * KEYS: requests-per-minute, requests-per-day, tokens-per-minute counters, then one hash per
 * budget bucket (`spent`, `reserved`). ARGV: rpm, rpd, tpm (-1 = none), estimated tokens,
 * estimate (micro-USD), minute and day TTLs (ms), bucket count, then per bucket: limit, block
 * (1/0), provider-filtered (1/0), TTL in ms (0 = none).
 *
 * Answers `{0, requests_minute, requests_day, tokens_minute, excluded_mask, used_1, …}` when
 * admitted (`used_i` after the reservation), `{1, dimension, count}` when a rate limit refuses,
 * `{2, bucket_index, used}` when a block budget refuses. Nothing is written unless admitted.
 */
export const ADMIT_SCRIPT = `
local rpm = tonumber(ARGV[1])
local rpd = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local tokens = tonumber(ARGV[4])
local estimate = tonumber(ARGV[5])
local n = tonumber(ARGV[8])
local limited = rpm >= 0 or rpd >= 0 or tpm >= 0
local minute = tonumber(redis.call('GET', KEYS[1]) or '0')
local day = tonumber(redis.call('GET', KEYS[2]) or '0')
local minuteTokens = tonumber(redis.call('GET', KEYS[3]) or '0')
if rpm >= 0 and minute + 1 > rpm then return {1, 'rpm', minute} end
if rpd >= 0 and day + 1 > rpd then return {1, 'rpd', day} end
if tpm >= 0 and minuteTokens > 0 and minuteTokens + tokens > tpm then return {1, 'tpm', minuteTokens} end
local used = {}
local mask = ''
for i = 1, n do
  local base = 8 + (i - 1) * 4
  local limit = tonumber(ARGV[base + 1])
  local values = redis.call('HMGET', KEYS[3 + i], 'spent', 'reserved')
  local u = tonumber(values[1] or '0') + tonumber(values[2] or '0')
  used[i] = u
  if ARGV[base + 2] == '1' and (u + estimate > limit or u >= limit) then
    if ARGV[base + 3] ~= '1' then return {2, i, u} end
    mask = mask .. '1'
  else
    mask = mask .. '0'
  end
end
if limited then
  minute = redis.call('INCR', KEYS[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
  day = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[7])
  if tpm >= 0 then
    minuteTokens = redis.call('INCRBY', KEYS[3], tokens)
    redis.call('PEXPIRE', KEYS[3], ARGV[6])
  end
end
local answer = {0, minute, day, minuteTokens, mask}
for i = 1, n do
  if string.sub(mask, i, i) == '0' then
    redis.call('HINCRBY', KEYS[3 + i], 'reserved', estimate)
    local ttl = tonumber(ARGV[8 + (i - 1) * 4 + 4])
    if ttl > 0 then redis.call('PEXPIRE', KEYS[3 + i], ttl) end
    used[i] = used[i] + estimate
  end
  answer[5 + i] = used[i]
end
return answer
`

/**
 * Settles or releases: KEYS are the reserved buckets then the buckets of the current window
 * (same order); ARGV: estimate, then per bucket the amount to add to `spent` (0 to release),
 * then the TTL in ms of each current bucket (0 = none). `reserved` never goes below 0.
 */
export const SETTLE_SCRIPT = `
local n = #KEYS / 2
local estimate = tonumber(ARGV[1])
for i = 1, n do
  local left = redis.call('HINCRBY', KEYS[i], 'reserved', -estimate)
  if left < 0 then redis.call('HSET', KEYS[i], 'reserved', 0) end
  local charge = tonumber(ARGV[1 + i])
  if charge > 0 then
    redis.call('HINCRBY', KEYS[n + i], 'spent', charge)
    local ttl = tonumber(ARGV[1 + n + i])
    if ttl > 0 then redis.call('PEXPIRE', KEYS[n + i], ttl) end
  end
end
return n
`

/** Raises each bucket's `spent` to the control plane's figure when that is higher. ARGV: figure, TTL per bucket. */
export const RECONCILE_SCRIPT = `
for i = 1, #KEYS do
  local reported = tonumber(ARGV[i * 2 - 1])
  local spent = tonumber(redis.call('HGET', KEYS[i], 'spent') or '0')
  if reported > spent then
    redis.call('HSET', KEYS[i], 'spent', reported)
    local ttl = tonumber(ARGV[i * 2])
    if ttl > 0 then redis.call('PEXPIRE', KEYS[i], ttl) end
  end
end
return #KEYS
`

/**
 * Settles a minute's token count from the admitted estimate to the actual tokens: KEYS[1] is the
 * tokens-per-minute counter, ARGV[1] the difference (actual − estimate). A counter that already
 * expired (its minute is over) is left alone; the count never goes below 0 and keeps its TTL.
 */
export const TOKENS_SETTLE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local settled = tonumber(current) + tonumber(ARGV[1])
if settled < 0 then settled = 0 end
redis.call('SET', KEYS[1], settled, 'KEEPTTL')
return settled
`
