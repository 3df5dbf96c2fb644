#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Near the descriptor ceiling: qgnet-echo with 4 loops holds N connections (default 19,000 of this
# machine's 20,000 per process) that all echo, every message checked byte for byte by the load
# generator, then all close. Reports the server's resident memory before, at its peak and after the
# close, per backend: memory the connections used must come back. Not part of CI.
#
#   bench/run-many-conns.sh [--conns N] [--loops 4] [--size 64] [--duration 10] [--backends "epoll io_uring"]
set -euo pipefail
cd "$(dirname "$0")/.."

conns=19000
loops=4
size=64
duration=10
backends="epoll io_uring"
while (($#)); do
    case $1 in
        --conns) conns=$2; shift 2 ;;
        --loops) loops=$2; shift 2 ;;
        --size) size=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --backends) backends=$2; shift 2 ;;
        -h | --help) sed -n '3,8p' "$0"; exit 0 ;;
        *) echo "unknown argument '$1'" >&2; exit 2 ;;
    esac
done

bin=$PWD/build/bin
die() { echo "run-many-conns: $*" >&2; exit 1; }
[[ -x $bin/qgnet-echo && -x $bin/qgnet-bench-load ]] || die "build first: scripts/build.sh release"
ulimit -n "$(ulimit -Hn)"
((conns + 64 <= $(ulimit -n))) || die "--conns $conns needs a descriptor limit above $((conns + 64)) (have $(ulimit -n))"
tmp=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

status_kib() { sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$1/status"; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }

printf '%-9s %7s %8s %10s %10s %10s %9s %s\n' backend conns loops "rss start" "rss peak" "rss after" "after %" result
for backend in $backends; do
    "$bin/qgnet-echo" --listen tcp://127.0.0.1:0 --loops "$loops" --backend "$backend" >"$tmp/server.log" 2>&1 &
    server_pid=$!
    waited=0
    # qgnet-echo prints "listening on" before "backend NAME": wait for both, or the check below races.
    until grep -q '^listening on' "$tmp/server.log" && grep -q '^backend ' "$tmp/server.log"; do
        kill -0 "$server_pid" 2>/dev/null || die "qgnet-echo exited: $(cat "$tmp/server.log")"
        ((waited++ < 100)) || die "qgnet-echo did not listen within 10 s"
        sleep 0.1
    done
    grep -q "^backend $backend" "$tmp/server.log" || die "qgnet-echo did not run $backend"
    port=$(sed -n 's/^listening on tcp:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/server.log")
    sleep 1 # the loops reach their idle state
    start=$(status_kib "$server_pid" VmRSS)
    idle_fds=$(fd_count "$server_pid")

    # Exit status 0 means every connection came up and every echo matched (bench/README.md).
    if "$bin/qgnet-bench-load" --port "$port" --conns "$conns" --size "$size" --threads 2 --warmup 1 \
        --duration "$duration" --connect-timeout 60 --server-pid "$server_pid" >"$tmp/load.out" 2>"$tmp/load.err"; then
        result="ok $(grep -o 'msgs=[0-9]*' "$tmp/load.out") verified, 0 errors"
    else
        result="FAILED: $(tr '\n' ' ' <"$tmp/load.err")"
    fi
    peak=$(status_kib "$server_pid" VmHWM)
    # The load generator has exited and reset every connection: wait until the server has closed them
    # all (its descriptors are back to the idle count), then give freed buffers a moment to settle.
    waited=0
    until (($(fd_count "$server_pid") <= idle_fds)); do
        ((waited++ < 300)) || die "the server still holds $(($(fd_count "$server_pid") - idle_fds)) connections after 30 s"
        sleep 0.1
    done
    sleep 2
    after=$(status_kib "$server_pid" VmRSS)
    kill "$server_pid"
    wait "$server_pid" || die "qgnet-echo did not stop cleanly"
    pct=$(awk -v a="$after" -v s="$start" 'BEGIN { printf "%+.1f", 100 * (a - s) / s }')
    printf '%-9s %7s %8s %8s K %8s K %8s K %8s%% %s\n' "$backend" "$conns" "$loops" "$start" "$peak" "$after" "$pct" "$result"
done
