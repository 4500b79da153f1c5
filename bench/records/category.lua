-- wrk script: GET /api/v1/patients/{p}/record/labs?as=<org>, a doctor of an organisation caring for
-- the patient now reading the patient's laboratory results under consent ($BENCH_PAIRS: the
-- generator's reads.tsv, "doctor<TAB>token<TAB>patient<TAB>organisation<TAB>consented" lines; a mix
-- of consented and not, some with restrictions). Every request is another pair, walking the list
-- from line $BENCH_OFFSET.
dofile("bench/booking/common.lua")

function init(args)
  pairs_ = {}
  for line in io.lines(os.getenv("BENCH_PAIRS")) do
    local _, token, patient, org = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)")
    if token then table.insert(pairs_, {token, patient, org}) end
  end
  offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  n = 0
  statuses = {}
end

function request()
  local p = pairs_[(offset + n * nthreads + tid) % #pairs_ + 1]
  n = n + 1
  return wrk.format("GET", "/api/v1/patients/" .. p[2] .. "/record/labs?as=" .. p[3],
                    {["Authorization"] = "Bearer " .. p[1]})
end
