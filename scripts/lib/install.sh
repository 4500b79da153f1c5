# Sourced by scripts/setup, scripts/run, scripts/test and the benchmarks: install what is missing.
# Idempotent and quiet when everything is there, so a second run costs a second or two.

# Run as root: directly when we are root, else through sudo.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "setup: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

# Debian packages needed to build and run the server.
BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsodium-dev libsqlite3-dev libpq-dev libssl-dev libcurl4-openssl-dev libqrencode-dev
  libopencc-dev
)
# ... and to test it: GoogleTest, a PostgreSQL server, Chromium, the sqlite3 and psql clients
# (the audit tamper tests edit the database behind the server's back), iproute2 for test namespaces,
# openssl for the SMTP test peer's certificates, clang-format for the layout check.
TEST_PACKAGES=(libgtest-dev postgresql chromium sqlite3 iproute2 procps coturn openssl clang-format)
# ... and to benchmark it against a reference.
BENCH_PACKAGES=(wrk nginx-light postgresql sqlite3)  # bench/booking: PostgreSQL and both databases' clients

apt_missing() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]}"
}

# apt_ensure PACKAGE...: install the packages that are not installed yet.
apt_ensure() {
  local missing
  missing=$(apt_missing "$@")
  [[ -z "$missing" ]] && return 0
  echo "setup: installing Debian packages: $missing"
  # Installing postgresql would create and start a 'main' cluster on port 5432; the tests make their
  # own throwaway clusters, so ask Debian not to.
  if [[ " $missing " == *" postgresql "* && ! -e /etc/postgresql-common/createcluster.conf ]]; then
    as_root mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Services (nginx, postgresql) must not start on install: tests and benchmarks start their own.
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && made_policy=1
  fi
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
    [[ $made_policy -eq 1 ]] && as_root rm -f "$policy"
    echo "setup: apt-get install failed" >&2
    return 1
  }
  [[ $made_policy -eq 1 ]] && as_root rm -f "$policy"
  # Debian enables coturn at boot with a configuration that has no authentication: an open relay.
  # The tests start their own; production uses deploy/coturn/turnserver.conf.
  if [[ " $missing " == *" coturn "* ]] && command -v systemctl >/dev/null; then
    as_root systemctl disable coturn >/dev/null 2>&1 || true
  fi
  return 0
}

# npm packages, exactly as locked; skipped when node_modules already matches the lock file.
npm_ensure() {
  command -v npm >/dev/null || { echo "setup: Node.js 20 and npm are needed (https://nodejs.org)" >&2; return 1; }
  local stamp=node_modules/.yiqiao-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then return 0; fi
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
}

# The web app (Vite) and the server (CMake + Ninja, RelWithDebInfo) in build/.
build_all() {
  npm run --silent build:web >/dev/null
  if [[ ! -f build/build.ninja ]]; then
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  echo "setup: building (the first build takes several minutes on 2 cores; log in build/last-build.log)"
  if ! cmake --build build -j"$(nproc)" >build/last-build.log 2>&1; then
    grep -E -B2 -A6 "error|FAILED" build/last-build.log | head -80 >&2
    echo "setup: build failed (full log: build/last-build.log)" >&2
    return 1
  fi
  [[ -x build/yiqiao ]]
}

# The server and the unit tests again, with AddressSanitizer and UBSan, in build-asan/ (for the
# sanitizer stage of scripts/test). -O0 -g1: instrumented code at -O2 -g takes 2.7 times as long to
# compile as the normal build, at -O1 -g1 1.4 times, at -O0 -g1 0.7 times (one scheduling file,
# g++ 12); the tests spend their time waiting on the network and SQLite, not in our code, so the
# cheapest build is the one that keeps the suite within its time. -g1 keeps file:line in reports.
build_asan() {
  if [[ ! -f build-asan/build.ninja ]]; then
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 -g1 -DNDEBUG" -DYIQIAO_SANITIZE=ON >/dev/null
  fi
  echo "setup: building with sanitizers in build-asan/ (log in build-asan/last-build.log)"
  if ! cmake --build build-asan -j"$(nproc)" >build-asan/last-build.log 2>&1; then
    grep -E -B2 -A6 "error|FAILED" build-asan/last-build.log | head -80 >&2
    echo "setup: sanitizer build failed (full log: build-asan/last-build.log)" >&2
    return 1
  fi
  [[ -x build-asan/yiqiao ]]
}
