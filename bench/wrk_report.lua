-- Shared by the API benchmark: optional POST body and token from the environment, and a
-- JSON summary (requests, throughput, latency percentiles, errors) printed at the end.
local body = os.getenv("WRK_BODY_FILE")
local token = os.getenv("WRK_TOKEN")
local paths = {}
local paths_file = os.getenv("WRK_PATHS_FILE")
if paths_file then
  for line in io.lines(paths_file) do table.insert(paths, line) end
end

wrk.headers["Authorization"] = "Token " .. token
if body then
  local f = io.open(body, "r")
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local counter = 0
request = function()
  if #paths > 0 then
    counter = counter + 1
    return wrk.format(nil, paths[(counter % #paths) + 1])
  end
  return wrk.format()
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, '
    .. '"p99_ms": %.2f, "max_ms": %.2f, "errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status))
end
