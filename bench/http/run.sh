#!/usr/bin/env bash
# HTTP throughput and latency of yiqiao, side by side with nginx serving a static file as the ceiling
# of what this machine can do over loopback.
#
#   bench/http/run.sh [seconds-per-run] [runs]      (default 10 s, 3 runs; the median run is reported)
#
# Three targets, each measured with the same wrk settings (2 threads, 64 connections, keep-alive):
#   nginx      GET /static.json from nginx (2 worker processes, access log off): a file the size of
#              the /api/v1/me answer
#   healthz    GET /healthz from yiqiao: the HTTP path without a database
#   me         GET /api/v1/me from yiqiao with a bearer token: session lookup in SQLite, account read,
#              JSON answer, access log line; the cheapest authenticated JSON route
# yiqiao runs with its defaults (I/O and worker threads from the core count) on a fresh SQLite
# database with the demo data. Output: a Markdown table on stdout and in bench/http/out/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
runs=${2:-3}
connections=64
threads=2

scripts/setup --bench >/dev/null

work=$(mktemp -d /tmp/yq-bench-XXXXXX)
chmod 755 "$work"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -f "$work/nginx.pid" ]] && nginx -p "$work" -c "$work/nginx.conf" -s quit 2>/dev/null
  sleep 0.3
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }

# --- yiqiao
build/yiqiao serve --listen 127.0.0.1:0 --port-file "$work/port" --data-dir "$work" --demo-data \
  --web-root web/dist >"$work/yiqiao.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
port=$(cat "$work/port")
base="http://127.0.0.1:$port"
token=$(curl -sf -H 'Content-Type: application/json' \
  -d '{"email":"patient@demo.yiqiao.hk","password":"Demo-pass-2026"}' "$base/api/v1/auth/token" |
  node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).token')
me=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/me")

# --- nginx with the same-sized answer
nginx_port=$(free_port)
mkdir -p "$work/html" "$work/logs"
printf '%s' "$me" >"$work/html/static.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 100000;
  client_body_temp_path $work/tmp_body; proxy_temp_path $work/tmp_proxy; fastcgi_temp_path $work/tmp_fcgi;
  uwsgi_temp_path $work/tmp_uwsgi; scgi_temp_path $work/tmp_scgi;
  server { listen 127.0.0.1:$nginx_port; root $work/html; }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/static.json" >/dev/null && break; sleep 0.1; done

# --- measure: wrk prints req/s and the latency distribution; keep the median run by req/s
measure() {  # measure NAME URL [header]
  local name=$1 url=$2 header=${3:-} i out rps p50 p99
  local lines=()
  for i in $(seq "$runs"); do
    if [[ -n "$header" ]]; then
      out=$(wrk -t$threads -c$connections -d"${seconds}s" --latency -H "$header" "$url")
    else
      out=$(wrk -t$threads -c$connections -d"${seconds}s" --latency "$url")
    fi
    echo "$out" | grep -qE "Non-2xx|Socket errors" && { echo "bench: errors for $name:"; echo "$out"; } >&2
    rps=$(echo "$out" | awk '/^Requests\/sec/ {printf "%d", $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    lines+=("$rps $p50 $p99")
  done
  printf '%s\n' "${lines[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | { read -r rps p50 p99; echo "$name $rps $p50 $p99"; }
}

echo "bench: $runs runs of ${seconds}s per target, wrk -t$threads -c$connections" >&2
results=()
results+=("$(measure nginx "http://127.0.0.1:$nginx_port/static.json")")
results+=("$(measure healthz "$base/healthz")")
results+=("$(measure me "$base/api/v1/me" "Authorization: Bearer $token")")

nginx_rps=$(printf '%s\n' "${results[@]}" | awk '$1=="nginx" {print $2}')
mkdir -p bench/http/out
report="bench/http/out/$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $(nginx -v 2>&1 | sed 's/.*: //'); yiqiao $(git rev-parse --short HEAD)"
  echo "wrk -t$threads -c$connections -d${seconds}s, median of $runs runs"
  echo
  echo "| target | req/s | p50 | p99 | share of nginx |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for r in "${results[@]}"; do
    read -r name rps p50 p99 <<<"$r"
    echo "| $name | $rps | $p50 | $p99 | $(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.0f%%", 100*a/b}') |"
  done
} | tee "$report"
echo "bench: written to $report" >&2
