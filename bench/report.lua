-- wrk script for bench/run.py: counts responses that are not 200 (wrk's own
-- counter only sees statuses above 399) and prints one machine-readable line
-- with throughput, latency percentiles (p50, p95) and errors.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("non200")
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d non200=%d "
      .. "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), not_ok,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout
  ))
end
