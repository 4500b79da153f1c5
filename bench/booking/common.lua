-- Shared by the wrk scripts of bench/booking (loaded with dofile from the repository root): threads
-- numbered from 0, answers counted by status, and one JSON line at the end with the exact latency
-- percentiles (wrk's own summary rounds them) and what the threads counted.
threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local by, issued = {}, 0
  for _, t in ipairs(threads) do
    for s, c in pairs(t:get("statuses")) do by[s] = (by[s] or 0) + c end
    issued = issued + (t:get("n") or 0)
  end
  local parts = {}
  for s, c in pairs(by) do table.insert(parts, string.format('"%d":%d', s, c)) end
  io.write(string.format(
    'JSON {"requests":%d,"seconds":%.3f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,' ..
    '"socket_errors":%d,"timeouts":%d,"issued":%d,"status":{%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout,
    issued, table.concat(parts, ",")))
end
