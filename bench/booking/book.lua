-- wrk script: POST /api/v1/appointments with an Idempotency-Key, as patients signed in by the
-- generator (bearer tokens in $BENCH_TOKENS: "account<TAB>token" lines), for the free slots in
-- $BENCH_SLOTS (one id per line) starting at line $BENCH_OFFSET.
--   BENCH_MODE=uncontended  every request books a slot nobody else asks for
--   BENCH_MODE=contended    every slot is asked for by $BENCH_RACERS requests per wrk thread at
--                           about the same time (one wins, the rest get 409 slot_taken)
dofile("bench/booking/common.lua")

function init(args)
  slots, tokens = {}, {}
  for line in io.lines(os.getenv("BENCH_SLOTS")) do table.insert(slots, line) end
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    local token = line:match("\t(.+)$")
    if token then table.insert(tokens, token) end
  end
  offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
  contended = os.getenv("BENCH_MODE") == "contended"
  racers = tonumber(os.getenv("BENCH_RACERS") or "16")
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  run = os.getenv("BENCH_RUN") or tostring(os.time())
  n = 0
  statuses = {}
end

function request()
  local i
  if contended then
    i = offset + math.floor(n / racers)
  else
    i = offset + n * nthreads + tid
  end
  -- each request comes from another patient: the token walks the list independently of the slot
  local who = (n * nthreads + tid) % #tokens + 1
  n = n + 1
  local slot = slots[i % #slots + 1]
  return wrk.format("POST", "/api/v1/appointments", {
    ["Authorization"] = "Bearer " .. tokens[who],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. n,
  }, '{"slot_id":"' .. slot .. '","reason":"bench"}')
end
