#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The memory budget under clients that send and never read: qgnet-echo --memory-budget BUDGET, then
# N clients (default 40) that offer data until the server takes no more from any of them, while the
# server's resident memory (VmRSS) is sampled every 50 ms; then client N+1 must still get a 1 MiB echo
# back byte-exact. Passes when the largest VmRSS stays under the budget plus 32 MiB and the echo came
# back. One summary line per backend; exit status 1 when a run failed.
#
#   bench/run-memory-budget.sh [--budget 256MiB] [--clients 40] [--backends "epoll io_uring"] [--loops 1]
#
# Needs build/bin/qgnet-echo (scripts/build.sh release --target qgnet-echo). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

budget=256MiB
clients=40
backends="epoll io_uring"
loops=1
while (($#)); do
  case $1 in
    --budget) budget=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --backends) backends=$2; shift 2 ;;
    --loops) loops=$2; shift 2 ;;
    -h | --help) sed -n '3,11p' "$0"; exit 0 ;;
    *) echo "unknown argument '$1'" >&2; exit 2 ;;
  esac
done

exe=$PWD/build/bin/qgnet-echo
[[ -x $exe ]] || { echo "$exe is not built (scripts/build.sh release --target qgnet-echo)" >&2; exit 1; }
tmp=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

failed=0
for backend in $backends; do
  "$exe" --listen tcp://127.0.0.1:0 --loops "$loops" --backend "$backend" --memory-budget "$budget" \
    >"$tmp/server.out" 2>"$tmp/server.err" &
  server_pid=$!
  until grep -q '^memory budget' "$tmp/server.out"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.err" >&2; exit 1; }
    sleep 0.1
  done
  port=$(sed -n 's/^listening on tcp:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/server.out")
  ran=$(sed -n 's/^backend //p' "$tmp/server.out")
  budget_bytes=$(sed -n 's/^memory budget \([0-9]*\) bytes$/\1/p' "$tmp/server.out")
  figures=$(python3 bench/memory_budget_clients.py --port "$port" --pid "$server_pid" --clients "$clients")
  kill -INT "$server_pid"
  wait "$server_pid" || true
  server_pid=
  sed 's/^/  server: /' "$tmp/server.err" >&2
  # key=value pairs from the client, into shell variables
  declare -A f=()
  for kv in $figures; do f[${kv%%=*}]=${kv#*=}; done
  limit_kib=$((budget_bytes / 1024 + 32 * 1024))
  verdict=ok
  ((f[rss_max_kib] < limit_kib)) || verdict=FAIL
  ((f[echoed] == 1)) || verdict=FAIL
  [[ $verdict == ok ]] || failed=1
  printf 'memory-budget %s: %s, budget %d MiB, %d clients offered %s MiB (all stalled: %s, reset by the server: %d), RSS base %d MiB max %d MiB (limit %d MiB), client %d echoed %d of 1048576 bytes: %s\n' \
    "$backend" "$ran" $((budget_bytes >> 20)) "$clients" "${f[offered_mib]}" \
    "$( ((f[stalled] == 1)) && echo yes || echo no)" "${f[reset]}" $((f[rss_base_kib] / 1024)) $((f[rss_max_kib] / 1024)) \
    $((limit_kib / 1024)) $((clients + 1)) "${f[echo_bytes]}" "$verdict"
  unset f
done
exit "$failed"
