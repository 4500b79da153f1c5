#!/usr/bin/env bash
# The shared health record at city scale, on SQLite and PostgreSQL.
#
#   bench/records/run.sh [--db sqlite|postgresql|both] [--scale full|small] [--patients N]
#                        [--seconds N] [--runs N] [--warmup N] [--only summary,category,write,decide]
#                        [--regenerate] [--build-dir DIR] [--no-setup]
#
# Defaults: both databases, full scale (80 organisations, 800 doctors, 200,000 patients with about
# 50 entries each: 10 million entries), 10 s per wrk run, 3 runs per scenario after 1 warm-up run
# that is not counted, the run with the median req/s reported. --scale small: 20,000 patients (1
# million entries); --patients N: any other number of patients (data under out/data/pN). The
# generated databases are kept under bench/records/out/data and reused by later runs (--regenerate
# makes them anew). Scenarios, each against `yiqiao serve` with its defaults, wrk -t2 -c32:
#   summary   patients reading their own record summary, another patient each request (summary.lua)
#   category  doctors of organisations caring for the patient reading the labs page under consent,
#             another patient each request (category.lua)
#   write     doctors recording a lab result with its audit event (write.lua): entries/s
#   decide    consent::record_scope timed in process over the same pairs, with the server stopped
#             (yiqiao-bench-records-decide): mean and p99 in microseconds
# Output: a Markdown table on stdout and bench/records/out/<UTC time>/report.md, raw output beside.
set -euo pipefail
cd "$(dirname "$0")/../.."
dbs=(sqlite postgresql) scale=full patients="" seconds=10 runs=3 warmup=1 regenerate=0
build=build setup=1 only=",summary,category,write,decide,"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) [[ $2 == both ]] && dbs=(sqlite postgresql) || dbs=("$2"); shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --patients) patients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    --regenerate) regenerate=1; shift ;;
    --build-dir) build=$2; shift 2 ;;
    --no-setup) setup=0; shift ;;
    *) sed -n '2,21p' "$0" >&2; exit 2 ;;
  esac
done
case "$scale" in
  full) n_patients=200000 ;;
  small) n_patients=20000 ;;
  *) echo "bench: --scale full or small" >&2; exit 2 ;;
esac
if [[ -n $patients ]]; then n_patients=$patients scale=p$patients; fi
gen_args=(--organisations 80 --patients "$n_patients" --entries 50 --doctors-per-organisation 10
          --patient-sessions 20000 --pairs 60000)

[[ $setup -eq 1 ]] && scripts/setup --bench >/dev/null
cmake --build "$build" --target yiqiao yiqiao-bench-records-generate yiqiao-bench-records-decide >/dev/null
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=bench/records/out/$stamp
data_root=$(pwd)/bench/records/out/data/$scale
mkdir -p "$out" "$data_root"
server_pid="" pg_dir=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$pg_dir" ]] && scripts/lib/pg-throwaway.sh stop "$pg_dir" 2>/dev/null
  true
}
trap cleanup EXIT
log() { echo "bench: $*" >&2; }

sql_value() {  # sql_value DB URL SQL: the first column of the first row
  if [[ $1 == sqlite ]]; then sqlite3 -cmd ".timeout 20000" "${2#sqlite:}" "$3"
  else psql -Atq "$2" -c "$3"; fi
}

# The generator's sessions last 12 hours and time out after 30 idle minutes: bring them back to
# life before each scenario (only the generated ones, marked by their user agent).
refresh_sessions() {  # refresh_sessions DB URL
  local now
  now=$(date +%s)
  sql_value "$1" "$2" "UPDATE sessions SET last_seen_at = $now, expires_at = $(( now + 43200 )) WHERE user_agent = 'yiqiao-bench'" >/dev/null
}

start_server() {  # start_server DB_URL WORK_DIR; sets server_pid, base
  local url=$1 work=$2
  rm -f "$work/port"
  "$build/yiqiao" serve --listen 127.0.0.1:0 --port-file "$work/port" --database "$url" \
    --data-dir "$work" --web-root web/dist >>"$work/yiqiao.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.1; done
  base="http://127.0.0.1:$(cat "$work/port")"
  # Measure after the start-up slot pass (800 doctors without templates: quick).
  for _ in $(seq 3000); do grep -q '"event":"slot_horizon"' "$work/yiqiao.log" && break; sleep 0.2; done
  log "server up at $base"
}

stop_server() {
  kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

json_field() { node -e 'const o=JSON.parse(process.argv[1]); const v=process.argv[2].split(".").reduce((a,k)=>a?.[k],o); console.log(typeof v==="object"?JSON.stringify(v):v)' "$1" "$2"; }

wrk_run() {  # wrk_run NAME SCRIPT [env...]: one run, prints the JSON line, saves raw output
  local name=$1 script=$2 raw
  shift 2
  raw="$out/$db-$name-$(date +%H%M%S).txt"
  env "$@" BENCH_THREADS=2 wrk -t2 -c32 -d"${seconds}s" --timeout 30s --latency -s "bench/records/$script" "$base" >"$raw" 2>&1 || true
  grep '^JSON ' "$raw" | sed 's/^JSON //'
}

# median of the runs by throughput: lines "requests json"
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p" | cut -d' ' -f2-; }

# scenario NAME SCRIPT [env...]: warm-up and counted runs, each starting where the last one
# stopped in its list (every request is another patient: a page nobody read in this run before).
scenario() {
  local name=$1 script=$2 lines=() j offset
  shift 2
  offset=$(cat "$dir/offset-$name" 2>/dev/null || echo 0)
  for i in $(seq $((warmup + runs))); do
    refresh_sessions "$db" "$url"
    j=$(wrk_run "$name" "$script" BENCH_OFFSET="$offset" "$@")
    [[ -z $j ]] && { log "$db: $name run gave no result"; continue; }
    offset=$(( offset + 2 * $(json_field "$j" issued) + 64 ))
    echo "$offset" >"$dir/offset-$name"
    if ((i > warmup)); then lines+=("$(json_field "$j" requests) $j"); fi
  done
  printf '%s\n' "${lines[@]}" | median
}

wants() { [[ $only == *",$1,"* ]]; }

rows=()
for db in "${dbs[@]}"; do
  dir=$data_root/$db
  mkdir -p "$dir"
  if [[ $db == postgresql ]]; then
    pg_dir=$data_root/pg
    [[ $regenerate -eq 1 ]] && { scripts/lib/pg-throwaway.sh stop "$pg_dir" 2>/dev/null || true; rm -rf "$pg_dir" "$dir"; mkdir -p "$dir"; }
    url=$(scripts/lib/pg-throwaway.sh start "$pg_dir")
  else
    url="sqlite:$dir/yiqiao.db"
    [[ $regenerate -eq 1 ]] && rm -rf "$dir" && mkdir -p "$dir"
  fi
  if [[ ! -s $dir/summary.json ]]; then
    log "$db: generating ${gen_args[*]}"
    [[ $db == sqlite ]] && rm -f "$dir"/yiqiao.db*
    t0=$(date +%s)
    "$build/yiqiao-bench-records-generate" --database "$url" --out "$dir" "${gen_args[@]}" 2>&1 |
      grep --line-buffered -v '"migration_applied"' | tee "$out/$db-generate.txt" >&2
    log "$db: generated in $(( $(date +%s) - t0 )) s"
  fi
  cp "$dir/summary.json" "$out/$db-summary.json"
  if [[ $db == sqlite ]]; then
    size=$(du -cb "$dir"/yiqiao.db* | tail -1 | cut -f1)
  else
    size=$(sql_value "$db" "$url" "SELECT pg_database_size(current_database())")
  fi
  size_gb=$(awk -v b="$size" 'BEGIN {printf "%.1f", b / 1e9}')
  log "$db: database $size_gb GB"

  summary="" category="" write="" decide=""
  if wants summary || wants category || wants write; then
    work=$(mktemp -d /tmp/yq-bench-records-XXXXXX)
    start_server "$url" "$work"
    wants summary && summary=$(scenario summary summary.lua BENCH_TOKENS="$dir/patients.tsv")
    wants category && category=$(scenario category category.lua BENCH_PAIRS="$dir/reads.tsv")
    wants write && write=$(scenario write write.lua BENCH_PAIRS="$dir/writes.tsv" BENCH_CODES="$dir/lab_codes.txt")
    stop_server
    cp "$work/yiqiao.log" "$out/$db-yiqiao.log"
    rm -rf "$work"
  fi
  if wants decide; then
    "$build/yiqiao-bench-records-decide" --database "$url" --pairs "$dir/reads.tsv" \
      --patients "$dir/patients.tsv" --calls 20000 --warmup 2000 >"$out/$db-decide.txt" 2>&1 || true
    decide=$(grep '^JSON ' "$out/$db-decide.txt" | sed 's/^JSON //' | paste -sd'|' || true)
  fi
  if [[ $db == postgresql ]]; then scripts/lib/pg-throwaway.sh stop "$pg_dir"; pg_dir=""; fi
  rows+=("$db;$summary;$category;$write;$decide;$size_gb")
done

{
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); yiqiao $(git rev-parse --short HEAD); scale $scale ($n_patients patients); wrk -t2 -c32 -d${seconds}s, median of $runs runs"
  echo
  echo "| database | scenario | req/s | p50 | p99 | goal | answers |"
  echo "| --- | --- | ---: | ---: | ---: | --- | --- |"
  for r in "${rows[@]}"; do
    IFS=';' read -r db summary category write decide size_gb <<<"$r"
    for pair in "summary:$summary:p99 < 50 ms" "category (labs):$category:p99 < 50 ms" "write (entries/s):$write:≥ 1,000/s"; do
      name=${pair%%:*}; rest=${pair#*:}; j=${rest%:*}; goal=${rest##*:}
      [[ -z $j ]] && continue
      rps=$(awk -v n="$(json_field "$j" requests)" -v s="$(json_field "$j" seconds)" 'BEGIN {printf "%.0f", n/s}')
      echo "| $db | $name | $rps | $(json_field "$j" p50_ms) ms | $(json_field "$j" p99_ms) ms | $goal | $(json_field "$j" status) |"
    done
    if [[ -n $decide ]]; then
      IFS='|' read -ra ds <<<"$decide"
      for d in "${ds[@]}"; do
        echo "| $db | decision: $(json_field "$d" measure) | — | $(json_field "$d" p50_us) µs | $(json_field "$d" p99_us) µs | < 1 ms | mean $(json_field "$d" mean_us) µs, max $(json_field "$d" max_us) µs, $(json_field "$d" allowed)/$(json_field "$d" calls) allowed |"
      done
    fi
    echo "| $db | database size | — | — | — | — | $size_gb GB ($(json_field "$(cat "$out/$db-summary.json")" entries) entries, generated in $(json_field "$(cat "$out/$db-summary.json")" seconds) s) |"
  done
} | tee "$out/report.md"
log "written to $out/report.md"
