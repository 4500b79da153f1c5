#!/usr/bin/env bash
# Run a command inside a fresh, private network namespace, for the WebRTC tests:
#
#   scripts/lib/netns-run.sh -- node --test tests/webrtc/*.test.mjs
#
# Inside, loopback is up and a veth pair is up:  yq0 10.99.0.1/24  <->  yq1 10.99.0.2/24.
# Chromium never uses loopback for ICE, and the machine's own interfaces are off limits, so the
# server, coturn and the browsers all run in here and pair over the veth addresses. The namespace
# (and the veth pair) disappears when the command ends.
#
# The command's exit code is returned; the environment passes through unchanged; nothing is
# printed except the command's own output (and an error message if the namespace cannot be made).
# As root this uses `unshare -n`; otherwise it tries `unshare -r -n` (a user namespace, where we are
# root for networking purposes only).
set -euo pipefail

# Our own failures exit 125, so they are not mistaken for the command's exit status.
die() { echo "netns-run: $*" >&2; exit 125; }

usage() {
  echo "usage: ${0##*/} [--] COMMAND [ARG...]" >&2
  exit 2
}

IP=$(command -v ip || true)
[[ -z "$IP" && -x /usr/sbin/ip ]] && IP=/usr/sbin/ip
[[ -z "$IP" && -x /sbin/ip ]] && IP=/sbin/ip

# Second stage: we are inside the new namespace. Set up the links, then become the command.
if [[ "${1:-}" == "--yq-netns-inner" ]]; then
  shift
  [[ "${1:-}" == "--" ]] && shift
  {
    "$IP" link set lo up &&
    "$IP" link add yq0 type veth peer name yq1 &&
    "$IP" addr add 10.99.0.1/24 dev yq0 &&
    "$IP" addr add 10.99.0.2/24 dev yq1 &&
    "$IP" link set yq0 up &&
    "$IP" link set yq1 up
  } || die "cannot set up lo and the veth pair yq0/yq1 in the new namespace (is the veth kernel module available?)"
  exec "$@"
fi

[[ "${1:-}" == "--" ]] && shift
[[ $# -gt 0 ]] || usage

command -v unshare >/dev/null || die "unshare not found (Debian package util-linux)"
[[ -n "$IP" ]] || die "ip not found (Debian package iproute2)"

self=$(readlink -f -- "${BASH_SOURCE[0]}")

# Probe first, so a failure to create the namespace is reported as such and is not confused with
# the command's own exit code.
if [[ $(id -u) -eq 0 ]] && unshare -n true 2>/dev/null; then
  exec unshare -n -- "$self" --yq-netns-inner -- "$@"
elif unshare -r -n true 2>/dev/null; then
  exec unshare -r -n -- "$self" --yq-netns-inner -- "$@"
else
  die "cannot create a network namespace: neither 'unshare -n' (needs root / CAP_SYS_ADMIN) nor
'unshare -r -n' (needs unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1,
and not blocked by the container runtime) works here. Run as root, or in a VM/container that allows it."
fi
