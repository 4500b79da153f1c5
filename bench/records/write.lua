-- wrk script: POST /api/v1/patients/{p}/record/entries?as=<org>, a doctor of an organisation caring
-- for the patient recording a laboratory result (the lab_result form; the server writes the entry,
-- its version 1 and a record.created audit event in one transaction). Pairs as in category.lua
-- ($BENCH_PAIRS: the generator's writes.tsv), codes and a value from $BENCH_CODES.
dofile("bench/booking/common.lua")

function init(args)
  pairs_, codes = {}, {}
  for line in io.lines(os.getenv("BENCH_PAIRS")) do
    local _, token, patient, org = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)")
    if token then table.insert(pairs_, {token, patient, org}) end
  end
  for line in io.lines(os.getenv("BENCH_CODES")) do
    local code, value = line:match("^([^\t]+)\t(.+)$")
    if code then table.insert(codes, {code, value}) end
  end
  offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  n = 0
  statuses = {}
end

function request()
  local i = offset + n * nthreads + tid
  local p = pairs_[i % #pairs_ + 1]
  local k = codes[i % #codes + 1]
  n = n + 1
  return wrk.format("POST", "/api/v1/patients/" .. p[2] .. "/record/entries?as=" .. p[3], {
    ["Authorization"] = "Bearer " .. p[1],
    ["Content-Type"] = "application/json",
  }, '{"type":"lab_result","code":"' .. k[1] .. '","value":' .. k[2] .. ',"note":"bench"}')
end
