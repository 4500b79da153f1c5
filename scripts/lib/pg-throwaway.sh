#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for tests.
#
#   pg-throwaway.sh start DIR   initdb in DIR/db, start on a free 127.0.0.1 port, print the URL
#                               postgresql://postgres@127.0.0.1:PORT/postgres on stdout
#   pg-throwaway.sh stop DIR    stop it (the caller removes DIR)
#
# Typical use:
#   D=$(mktemp -d); trap 'scripts/lib/pg-throwaway.sh stop "$D"; rm -rf "$D"' EXIT
#   export YIQIAO_TEST_POSTGRES=$(scripts/lib/pg-throwaway.sh start "$D")
#
# Trust authentication and fsync=off: only for data nobody needs after the test run.
set -euo pipefail

die() { echo "pg-throwaway: $*" >&2; exit 1; }

bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  local d
  if command -v pg_config >/dev/null && d=$(pg_config --bindir 2>/dev/null) && [[ -x "$d/initdb" ]]; then
    echo "$d"; return
  fi
  # Debian keeps the server binaries per major version; take the newest.
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [[ -n "$d" && -x "$d/initdb" ]] || die "no initdb found (install postgresql or set PG_BINDIR)"
  echo "$d"
}

# initdb and the server refuse to run as root: as root, run them as the postgres system user.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local dir=$1 bin port
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # pg_ctl hands -o to a shell and the socket path is limited to ~100 bytes: keep DIR plain and short.
  [[ "$dir" =~ ^[A-Za-z0-9_./-]+$ ]] || die "DIR must be a plain path without spaces: $dir"
  (( ${#dir} < 80 )) || die "DIR path too long for a Unix socket: $dir"
  [[ -e "$dir/db/postmaster.pid" ]] && die "a cluster is already running in $dir"
  bin=$(bindir)
  if [[ $(id -u) -eq 0 ]]; then
    getent passwd postgres >/dev/null || die "running as root needs a 'postgres' system user"
    chown postgres "$dir"
    as_owner test -w "$dir" || die "user postgres cannot write $dir (check the parent folders' permissions)"
  fi
  if [[ ! -d "$dir/db" ]]; then
    as_owner "$bin/initdb" -D "$dir/db" -A trust -U postgres -E UTF8 --no-locale --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  # Another process may take the port between the check and the start: try a few.
  for _ in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + RANDOM % 40000 ))
    port_in_use "$port" && continue
    if as_owner "$bin/pg_ctl" -D "$dir/db" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
      echo "$port" >"$dir/port"
      echo "postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  tail -n 20 "$dir/server.log" >&2 || true
  die "could not start PostgreSQL (see $dir/server.log)"
}

stop() {
  local dir=$1
  [[ -d "$dir/db" ]] || return 0
  [[ -e "$dir/db/postmaster.pid" ]] || return 0
  as_owner "$(bindir)/pg_ctl" -D "$dir/db" -m fast -w -t 60 stop >/dev/null
}

case "${1:-}" in
  start) [[ $# -eq 2 ]] || die "usage: $0 start DIR"; start "$2" ;;
  stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start DIR | stop DIR" ;;
esac
