-- wrk script: GET /api/v1/patients/{p}/record, each patient reading their own summary as signed in
-- by the generator (bearer tokens in $BENCH_TOKENS: "account<TAB>token" lines). Every request is
-- another patient, walking the list from line $BENCH_OFFSET.
dofile("bench/booking/common.lua")

function init(args)
  people = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    local id, token = line:match("^([^\t]+)\t(.+)$")
    if id then table.insert(people, {id, token}) end
  end
  offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  n = 0
  statuses = {}
end

function request()
  local p = people[(offset + n * nthreads + tid) % #people + 1]
  n = n + 1
  return wrk.format("GET", "/api/v1/patients/" .. p[1] .. "/record",
                    {["Authorization"] = "Bearer " .. p[2]})
end
