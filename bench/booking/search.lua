-- wrk script: GET /api/v1/doctors with the queries in $BENCH_QUERIES (one path per line), each
-- thread walking the list from its own starting point.
dofile("bench/booking/common.lua")

function init(args)
  paths = {}
  for line in io.lines(os.getenv("BENCH_QUERIES")) do
    if line ~= "" then table.insert(paths, line) end
  end
  n = 0
  start = ((tid + 1) * 7919) % #paths
  statuses = {}
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(start + n) % #paths + 1])
end
