-- wrk script: POST one JSON chat body (BENCH_BODY, or the file BENCH_BODY_FILE for bodies too large
-- for an environment variable) with an optional Authorization header (BENCH_AUTH), then print one
-- BENCH_WRK JSON line that the harness parses.
wrk.method = "POST"
local bodyFile = os.getenv("BENCH_BODY_FILE")
if bodyFile ~= nil and bodyFile ~= "" then
  local file = assert(io.open(bodyFile, "rb"))
  wrk.body = file:read("*a")
  file:close()
else
  wrk.body = os.getenv("BENCH_BODY")
end
wrk.headers["Content-Type"] = "application/json"
local authorization = os.getenv("BENCH_AUTH")
if authorization ~= nil and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_WRK {"requests":%d,"durationUs":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,' ..
    '"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, latency:percentile(50), latency:percentile(99)))
end
