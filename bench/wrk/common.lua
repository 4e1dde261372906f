-- Shared by every scenario (bench/drive.py prepends the scenario's constants).
-- Each thread gets an id so that generated query strings and texts never repeat.
local threads = {}
local n = 0

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

-- A token unique to this wrk run (bench/drive.py passes it after `--`): generated query
-- strings and texts must not repeat those of an earlier run, which the page cache keeps.
function init(args)
   nonce = args[1] or ""
end

-- One JSON line for bench/drive.py; latencies in microseconds.
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'BENCHJSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, '
      .. '"read": %d, "write": %d, "status": %d, "timeout": %d, "p50_us": %d, '
      .. '"p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
      summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
      e.status, e.timeout, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max, latency.mean))
end
