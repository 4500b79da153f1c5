#!/usr/bin/env bash
# WebSocket connections held per node and memory per idle connection; signaling relay latency
# under load.
#
#   bench/signaling/run.sh [--connections N] [--sessions N] [--hold S] [--settle S] [--rooms N]
#                          [--rate MSG_PER_S] [--duration S] [--warmup S] [--procs N]
#                          [--only idle,relay] [--build-dir DIR] [--no-setup] [--no-build]
#                          [-- more yiqiao serve flags]
#
# Every option can also come from the environment (CONNECTIONS, SESSIONS, HOLD, SETTLE, ROOMS,
# RATE, DURATION, WARMUP, PROCS, ONLY, BUILD_DIR); flags win. Defaults: 10,000 connections over 4
# sessions (the 3 demo patients) held 45 s after a 5 s settle; 50 calls relaying 5,000 msg/s for 30 s
# after a 5 s warm-up; 1 client process. A smoke run:
#   CONNECTIONS=1000 RATE=1000 DURATION=10 bench/signaling/run.sh
# Scenarios, each against a fresh `yiqiao serve` (SQLite, demo data, loopback, its default threads):
#   idle    open N authenticated WebSockets, wait for every "hello", read the server's RSS/Pss
#           before and after; hold them (the server pings quiet sockets) and count closes (idle.mjs)
#   relay   R calls with both pages admitted; ICE candidates at a fixed total rate, open loop,
#           latency from the sender's ws.send to the receiver's message event (relay.mjs)
# Output: a Markdown summary on stdout and in bench/signaling/out/<UTC time>/report.md; the raw
# JSON, the clients' progress and the server logs beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${CONNECTIONS:-10000} sessions=${SESSIONS:-4} hold=${HOLD:-45} settle=${SETTLE:-5}
rooms=${ROOMS:-50} rate=${RATE:-5000} duration=${DURATION:-30} warmup=${WARMUP:-5} procs=${PROCS:-1}
only=",${ONLY:-idle,relay}," build=${BUILD_DIR:-build} setup=1 compile=1 server_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections=$2; shift 2 ;;
    --sessions) sessions=$2; shift 2 ;;
    --hold) hold=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --rooms) rooms=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --procs) procs=$2; shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    --no-setup) setup=0; shift ;;
    --no-build) setup=0 compile=0; shift ;;
    --) shift; server_args=("$@"); break ;;
    *) sed -n '2,21p' "$0" >&2; exit 2 ;;
  esac
done
log() { echo "bench: $*" >&2; }
wants() { [[ $only == *",$1,"* ]]; }

[[ $setup -eq 1 ]] && scripts/setup --bench >/dev/null
[[ $compile -eq 1 ]] && cmake --build "$build" --target yiqiao >/dev/null
[[ -x $build/yiqiao ]] || { log "no $build/yiqiao: run without --no-build"; exit 1; }
# One descriptor per socket, on both sides (the clients inherit the limit too). An unprivileged
# container may not raise the hard limit: then take it.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if wants idle && (( $(ulimit -n) < connections + 1000 )); then
  log "open files limited to $(ulimit -n): too few for $connections connections"; exit 1
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=bench/signaling/out/$stamp
mkdir -p "$out"
server_pid="" work=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$work" ]] && rm -rf "$work"
  true
}
trap cleanup EXIT

start_server() {  # start_server NAME: a fresh server on a fresh SQLite database; sets server_pid, base, work
  work=$(mktemp -d /tmp/yq-bench-signaling-XXXXXX)
  # Every client socket comes from 127.0.0.1: lift the per-address cap (256) for the run.
  "$build/yiqiao" serve --listen 127.0.0.1:0 --port-file "$work/port" --data-dir "$work" \
    --database "sqlite:$work/yiqiao.db" --web-root web/dist --password-cost test --demo-data \
    --max-connections-per-address 100000 "${server_args[@]}" >"$out/$1-yiqiao.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do [[ -s "$work/port" ]] && break; sleep 0.1; done
  [[ -s "$work/port" ]] || { log "$1: the server did not start:"; tail -5 "$out/$1-yiqiao.log" >&2; exit 1; }
  base="http://127.0.0.1:$(cat "$work/port")"
  log "$1: server $server_pid up at $base (load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

stop_server() {
  kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=""
  rm -rf "$work"
  work=""
}

run_client() {  # run_client NAME node-args...: progress to NAME.txt and stderr, the JSON line to NAME.json
  local name=$1
  shift
  if node "$@" 2>&1 | tee "$out/$name.txt" >&2; then :; fi
  if grep -q '^JSON ' "$out/$name.txt"; then
    grep '^JSON ' "$out/$name.txt" | sed 's/^JSON //' >"$out/$name.json"
  else
    log "$name: no result (see $out/$name.txt)"
  fi
}

{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)"
  echo "yiqiao: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'), $build/yiqiao, flags: ${server_args[*]:-(defaults)}"
  echo "node: $(node --version), open files: $(ulimit -n)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/environment.txt"

if wants idle; then
  start_server idle
  run_client idle bench/signaling/idle.mjs --url "$base" --pid "$server_pid" --connections "$connections" \
    --sessions "$sessions" --settle "$settle" --hold "$hold" --procs "$procs"
  stop_server
fi

if wants relay; then
  start_server relay
  run_client relay bench/signaling/relay.mjs --url "$base" --pid "$server_pid" --database "sqlite:$work/yiqiao.db" \
    --rooms "$rooms" --rate "$rate" --duration "$duration" --warmup "$warmup" --procs "$procs"
  stop_server
fi

{
  sed 's/^/    /' "$out/environment.txt"
  echo
  node bench/signaling/report.mjs "$out"
} | tee "$out/report.md"
log "written to $out/report.md"
