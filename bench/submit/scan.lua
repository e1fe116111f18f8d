-- wrk script for bench/submit: with SCAN_TYPE set, every request is POST /api/v1/scan with the JSON body
-- {"target": SCAN_TARGET, "type": SCAN_TYPE}; without it, wrk's own GET of the URL it was given. done() prints one
-- line the run script reads: requests/s, latency percentiles, and answers that were not 2xx.
local scan_type = os.getenv("SCAN_TYPE")
if scan_type and scan_type ~= "" then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = string.format('{"target":"%s","type":"%s"}', os.getenv("SCAN_TARGET") or "example.test", scan_type)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
