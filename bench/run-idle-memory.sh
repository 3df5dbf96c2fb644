#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Memory per idle connection: each server's user-space resident memory (VmRSS) before and a few
# seconds after N idle connections are up, divided by N. Kernel socket memory is not in VmRSS, so
# the figure is what the server's own code keeps per connection. One run, one table.
#
#   bench/run-idle-memory.sh [--conns N] [--servers "qgnet qgnet-uring ..."] [--settle S]
#
# Server names are those of bench/common/servers.sh, plus qgnet-4loops and qgnet-uring-4loops.
# Servers whose program is not built (asio, libuv need `scripts/deps.sh bench`) are skipped with a
# note. TLS servers are held with a completed handshake. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

conns=10000
settle=3
servers="raw-epoll qgnet qgnet-uring qgnet-4loops qgnet-uring-4loops qgnet-tls qgnet-uring-tls asio libuv qt"
while (($#)); do
  case $1 in
    --conns) conns=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    -h | --help) sed -n '3,12p' "$0"; exit 0 ;;
    *) echo "unknown argument '$1'" >&2; exit 2 ;;
  esac
done

bin=$PWD/build/bin
tmp=$(mktemp -d)
server_cpu=0
note() { echo "$*" >&2; }
die() { note "$*"; exit 1; }
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/common/servers.sh
source bench/common/servers.sh
ulimit -n "$(ulimit -Hn)"
((conns + 64 <= $(ulimit -n))) || die "--conns $conns needs a descriptor limit above $((conns + 64)) (have $(ulimit -n))"

rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }

printf '%-20s %8s %12s %12s %14s\n' server conns "rss before" "rss after" "KiB per conn"
for name in $servers; do
  base=${name%-4loops}
  server_cmd "$base"
  if [[ ! -x $exe ]]; then
    note "skipping $name: $exe is not built"
    continue
  fi
  if [[ $name == *-4loops ]]; then
    # qgnet-echo takes the last --loops; the wrapper keeps start_server's port and backend checks.
    eval "server_cmd() { $(declare -f server_cmd | sed '1,2d;$d'); cmd+=(--loops 4); exe=\${cmd[0]}; }"
  fi
  start_server "$base" || { note "$name did not start"; continue; }
  sleep 1 # let the server reach its steady idle state
  before=$(rss_kib "$server_pid")
  tls=()
  [[ $base == *-tls ]] && tls=(--tls)
  python3 bench/idle_clients.py --port "$port" --conns "$conns" "${tls[@]}" >"$tmp/clients.out" &
  clients=$!
  until grep -q '^ready' "$tmp/clients.out"; do
    kill -0 "$clients" 2>/dev/null || die "$name: the idle clients failed"
    sleep 0.2
  done
  count=$(awk '{print $2}' "$tmp/clients.out")
  sleep "$settle"
  after=$(rss_kib "$server_pid")
  kill "$clients"
  wait "$clients" 2>/dev/null || true
  stop_server "$base" || true
  unset -f server_cmd
  source bench/common/servers.sh
  awk -v n="$name" -v c="$count" -v b="$before" -v a="$after" \
    'BEGIN { printf "%-20s %8d %10d KiB %10d KiB %14.3f\n", n, c, b, a, (a - b) / c }'
done
