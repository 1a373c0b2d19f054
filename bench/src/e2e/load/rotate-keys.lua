-- wrk script: POST one JSON chat body (BENCH_BODY) with the Authorization header rotating over the
-- keys of BENCH_KEYS_FILE (one per line, round robin). With BENCH_MISS_PER_MILLE = n > 0, n of
-- every 1,000 requests carry instead a fresh well-formed key that was never issued (its secret
-- is BENCH_MISS_SALT and a counter), so each one is an auth-cache miss. Prints the BENCH_WRK line.
local body = os.getenv("BENCH_BODY")
local keys = {}
for line in io.lines(os.getenv("BENCH_KEYS_FILE")) do
  if line ~= "" then keys[#keys + 1] = "Bearer " .. line end
end
local missPerMille = tonumber(os.getenv("BENCH_MISS_PER_MILLE") or "0") or 0
local salt = os.getenv("BENCH_MISS_SALT") or "000000"
local headers = { ["Content-Type"] = "application/json" }
local index = 0
local counter = 0

request = function()
  counter = counter + 1
  if missPerMille > 0 and (counter * 37) % 1000 < missPerMille then
    -- A Crockford ULID and a 32-character base62 secret: well formed, unknown to the control plane.
    headers["Authorization"] = string.format("Bearer lw_vk_live_01JBENCHMSS000000000000000%s%026d", salt, counter)
  else
    index = index % #keys + 1
    headers["Authorization"] = keys[index]
  end
  return wrk.format("POST", nil, headers, body)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_WRK {"requests":%d,"durationUs":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,' ..
    '"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, latency:percentile(50), latency:percentile(99)))
end
