#!/usr/bin/env bash
# Directory search, booking and queue at pandemic scale, on SQLite and PostgreSQL.
#
#   bench/booking/run.sh [--db sqlite|postgresql|both] [--scale full|small] [--seconds N] [--runs N]
#                        [--warmup N] [--queue-patients N] [--only search,book,contended,queue]
#                        [--regenerate] [--build-dir DIR] [--no-setup]
#
# Defaults: both databases, full scale (80 organisations, 48,000 doctors, 1.6 million patients,
# 30 days of slots), 10 s per wrk run, 3 runs per scenario after 1 warm-up run that is not
# counted (a fresh server's caches are cold: a first booking run came out 30-50% slower), the
# run with the median req/s reported, 5,000 queued patients. The generated databases are kept
# under bench/booking/out/data and reused by later runs (--regenerate makes them anew). Scenarios, each against `yiqiao serve`
# with its defaults:
#   search       GET /api/v1/doctors with varied queries (wrk -t2 -c32, search.lua)
#   book         32 clients booking distinct free slots with an Idempotency-Key (book.lua)
#   contended    32 clients racing, 32 requests per slot: 1 booking, 31 x 409 slot_taken
#   queue        N patients with open WebSockets join one queue (32 in flight); a doctor takes the
#                next; one leaves (queue.mjs)
# Output: a Markdown table on stdout and bench/booking/out/<UTC time>/report.md, raw output beside.
set -euo pipefail
cd "$(dirname "$0")/../.."
dbs=(sqlite postgresql) scale=full seconds=10 runs=3 warmup=1 queue_patients=5000 regenerate=0
build=build setup=1 only=",search,book,contended,queue,"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) [[ $2 == both ]] && dbs=(sqlite postgresql) || dbs=("$2"); shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --queue-patients) queue_patients=$2; shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    --regenerate) regenerate=1; shift ;;
    --build-dir) build=$2; shift 2 ;;
    --no-setup) setup=0; shift ;;
    *) sed -n '2,19p' "$0" >&2; exit 2 ;;
  esac
done
case "$scale" in
  full) gen_args=(--organisations 80 --doctors 48000 --patients 1600000 --days 30 --sessions 6000) ;;
  small) gen_args=(--organisations 8 --doctors 4800 --patients 160000 --days 30 --sessions 6000) ;;
  *) echo "bench: --scale full or small" >&2; exit 2 ;;
esac

[[ $setup -eq 1 ]] && scripts/setup --bench >/dev/null
cmake --build "$build" --target yiqiao yiqiao-bench-generate >/dev/null
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=bench/booking/out/$stamp
data_root=$(pwd)/bench/booking/out/data/$scale
mkdir -p "$out" "$data_root"
server_pid="" pg_dir=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$pg_dir" ]] && scripts/lib/pg-throwaway.sh stop "$pg_dir" 2>/dev/null
  true
}
trap cleanup EXIT
log() { echo "bench: $*" >&2; }

# The generator's sessions last 12 hours and time out after 30 idle minutes: bring them back to
# life before each scenario (only the generated ones, marked by their user agent). An earlier queue
# run that stopped half-way leaves entries behind: end them, so the queue starts empty.
refresh_sessions() {  # refresh_sessions DB URL
  local now sql
  now=$(date +%s)
  sql="UPDATE sessions SET last_seen_at = $now, expires_at = $(( now + 43200 )) WHERE user_agent = 'yiqiao-bench';
UPDATE queue_entries SET status = 'left', ended_at = $now, end_reason = 'left' WHERE status IN ('waiting', 'taken')"
  if [[ $1 == sqlite ]]; then sqlite3 -cmd ".timeout 20000" "${2#sqlite:}" "$sql" >/dev/null
  else psql -q "$2" -c "$sql" >/dev/null; fi
}

sql_value() {  # sql_value DB URL SQL: the first column of the first row
  if [[ $1 == sqlite ]]; then sqlite3 -cmd ".timeout 20000" "${2#sqlite:}" "$3"
  else psql -Atq "$2" -c "$3"; fi
}

start_server() {  # start_server DB_URL WORK_DIR; sets server_pid, base; waits for the slot horizon pass
  local url=$1 work=$2 t0
  rm -f "$work/port"
  t0=$(date +%s.%N)
  # Every client comes from 127.0.0.1 (5,000 queue WebSockets): lift the per-address cap (256).
  "$build/yiqiao" serve --listen 127.0.0.1:0 --port-file "$work/port" --database "$url" \
    --data-dir "$work" --web-root web/dist --max-connections-per-address 100000 >>"$work/yiqiao.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do [[ -s "$work/port" ]] && break; sleep 0.1; done
  base="http://127.0.0.1:$(cat "$work/port")"
  # At start the server materialises every doctor's slots (a no-op here: the generator wrote what
  # it wants); measure after that pass so it does not compete with the load.
  for _ in $(seq 3000); do grep -q '"event":"slot_horizon"' "$work/yiqiao.log" && break; sleep 0.2; done
  horizon_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')
  # Doctors re-materialised and skipped (already through the horizon: a restart the same day).
  horizon_work=$(grep '"event":"slot_horizon"' "$work/yiqiao.log" | tail -1 |
    sed -E 's/.*"doctors":([0-9]+),"skipped":([0-9]+).*/\1 redone, \2 skipped/')
  log "server up at $base; start-up slot pass $(grep '"event":"slot_horizon"' "$work/yiqiao.log" | tail -1 | cut -c1-200) in ${horizon_s}s"
  # The directory keeper rebuilds every marked doctor (all of them after the migration that made
  # the table, or after the generator): measure once it has caught up.
  for _ in $(seq 1800); do
    [[ $(sql_value "$db" "$url" "SELECT COUNT(*) FROM doctor_directory_marks") == 0 ]] && break
    sleep 1
  done
  log "directory built $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')s after start"
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
  env "$@" BENCH_THREADS=2 wrk -t2 -c32 -d"${seconds}s" --timeout 30s --latency -s "bench/booking/$script" "$base" >"$raw" 2>&1 || true
  grep '^JSON ' "$raw" | sed 's/^JSON //'
}

# median of the runs by throughput: lines "rps json"
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p" | cut -d' ' -f2-; }

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
    "$build/yiqiao-bench-generate" --database "$url" --out "$dir" "${gen_args[@]}" 2>&1 | tee "$out/$db-generate.txt" >&2
    log "$db: generated in $(( $(date +%s) - t0 )) s"
  fi
  cp "$dir/summary.json" "$out/$db-summary.json"
  work=$(mktemp -d /tmp/yq-bench-booking-XXXXXX)
  start_server "$url" "$work"
  echo "$horizon_s" >"$out/$db-startup-horizon-seconds.txt"

  wants() { [[ $only == *",$1,"* ]]; }
  search="" book="" contended="" queue='{}'

  # --- directory search
  refresh_sessions "$db" "$url"
  lines=()
  wants search && for i in $(seq $((warmup + runs))); do
    j=$(wrk_run search search.lua BENCH_QUERIES="$dir/queries.txt")
    if ((i > warmup)); then lines+=("$(json_field "$j" requests) $j"); fi
  done
  wants search && search=$(printf '%s\n' "${lines[@]}" | median)

  # --- uncontended booking: every run takes slots no earlier run took
  offsets=$dir/offsets
  [[ -f $offsets ]] || echo "0 300000" >"$offsets"
  # slots.txt: lines [0, 300000) for uncontended runs, [300000, 400000) for contended ones. Once
  # earlier runs have used up either range, draw 400,000 slots that are still free (more than a
  # day ahead) from the database and start again at the top of both.
  read -r free contended_at <"$offsets"
  if { wants book || wants contended; } && ((free + 100000 > 300000 || contended_at + 30000 > 400000)); then
    log "$db: earlier runs used the slot list up; drawing free slots anew"
    sql_value "$db" "$url" "SELECT s.id FROM slots s WHERE s.status = 'open' AND s.starts_at > $(( $(date +%s) + 86400 )) AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'cancelled') ORDER BY random() LIMIT 400000" >"$dir/slots.txt"
    echo "0 300000" >"$offsets"
  fi
  lines=()
  wants book && for i in $(seq $((warmup + runs))); do
    refresh_sessions "$db" "$url"
    read -r free contended_at <"$offsets"
    j=$(wrk_run book book.lua BENCH_MODE=uncontended BENCH_OFFSET="$free" BENCH_SLOTS="$dir/slots.txt" \
      BENCH_TOKENS="$dir/patients.tsv" BENCH_RUN="$stamp-$RANDOM")
    # slot i = offset + n * 2 + thread: the faster thread reaches past offset + issued
    echo "$(( free + 2 * $(json_field "$j" issued) + 64 )) $contended_at" >"$offsets"
    if ((i > warmup)); then lines+=("$(json_field "$j" requests) $j"); fi
  done
  wants book && book=$(printf '%s\n' "${lines[@]}" | median)

  # --- contended booking: 32 requests for each slot
  lines=()
  wants contended && for i in $(seq $((warmup + runs))); do
    refresh_sessions "$db" "$url"
    read -r free contended_at <"$offsets"
    j=$(wrk_run contended book.lua BENCH_MODE=contended BENCH_RACERS=16 BENCH_OFFSET="$contended_at" \
      BENCH_SLOTS="$dir/slots.txt" BENCH_TOKENS="$dir/patients.tsv" BENCH_RUN="$stamp-$RANDOM")
    echo "$free $(( contended_at + $(json_field "$j" issued) / 16 + 64 ))" >"$offsets"
    if ((i > warmup)); then lines+=("$(json_field "$j" requests) $j"); fi
  done
  wants contended && contended=$(printf '%s\n' "${lines[@]}" | median)

  # --- queue
  if wants queue; then
    refresh_sessions "$db" "$url"
    node bench/booking/queue.mjs "$base" "$dir" "$queue_patients" 32 >"$out/$db-queue.txt" 2>&1 || true
    queue=$(grep '^JSON ' "$out/$db-queue.txt" | sed 's/^JSON //' || true)
    [[ -z $queue ]] && { log "$db: queue run failed:"; tail -5 "$out/$db-queue.txt" >&2; queue='{}'; }
  fi

  stop_server
  cp "$work/yiqiao.log" "$out/$db-yiqiao.log"
  rm -rf "$work"
  if [[ $db == postgresql ]]; then scripts/lib/pg-throwaway.sh stop "$pg_dir"; pg_dir=""; fi
  rows+=("$db|$search|$book|$contended|$queue|$horizon_s|$horizon_work")
done

{
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); yiqiao $(git rev-parse --short HEAD); scale $scale; wrk -t2 -c32 -d${seconds}s, median of $runs runs"
  echo
  echo "| database | scenario | req/s | p50 | p99 | goal | answers |"
  echo "| --- | --- | ---: | ---: | ---: | --- | --- |"
  for r in "${rows[@]}"; do
    IFS='|' read -r db search book contended queue horizon horizon_work <<<"$r"
    for pair in "search:$search:p99 < 50 ms" "book:$book:≥ 1000/s, p99 < 50 ms" "contended:$contended:p99 < 100 ms"; do
      name=${pair%%:*}; rest=${pair#*:}; j=${rest%:*}; goal=${rest##*:}
      [[ -z $j ]] && continue
      rps=$(awk -v n="$(json_field "$j" requests)" -v s="$(json_field "$j" seconds)" 'BEGIN {printf "%.0f", n/s}')
      echo "| $db | $name | $rps | $(json_field "$j" p50_ms) ms | $(json_field "$j" p99_ms) ms | $goal | $(json_field "$j" status) |"
    done
    if [[ $queue != '{}' ]]; then
      echo "| $db | queue join ($(json_field "$queue" patients) patients) | $(json_field "$queue" join_per_s) | $(json_field "$queue" join_p50_ms) ms | $(json_field "$queue" join_p99_ms) ms | — | $(json_field "$queue" join_status) |"
      echo "| $db | queue: next → all told | — | $(json_field "$queue" next_p50_told_ms) ms | all $(json_field "$queue" next_all_told_ms) ms | — | $(json_field "$queue" next_told)/$(json_field "$queue" next_to_tell) told |"
      echo "| $db | queue: leave → all told | — | $(json_field "$queue" leave_p50_told_ms) ms | all $(json_field "$queue" leave_all_told_ms) ms | — | $(json_field "$queue" leave_told)/$(json_field "$queue" leave_to_tell) told |"
    fi
    echo "| $db | start-up slot pass | — | — | ${horizon} s | — | doctors: $horizon_work |"
  done
} | tee "$out/report.md"
log "written to $out/report.md"
