#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# System calls per echoed message, per server: runs each server pinned to one CPU under
# qgnet-bench-load (pinned to another), and counts the server's system calls during the measured
# window with `perf stat -e raw_syscalls:sys_enter` (a tracepoint: no per-call slowdown the way strace
# has). Prints one Markdown row per (server, conns, size) with calls per message and the biggest
# individual system calls. Needs perf with tracepoint access (root, or perf_event_paranoid <= -1).

set -euo pipefail

build_dir=build
duration=3
warmup=1
conns_list="100"
sizes_list="64"
servers_list="raw-epoll qgnet qgnet-uring"
server_cpu=0
client_cpu=1

usage() {
  cat <<USAGE
usage: $0 [--build-dir DIR] [--duration S] [--warmup S] [--conns "LIST"] [--sizes "LIST"]
          [--servers "raw-epoll qgnet qgnet-uring"] [--server-cpu N] [--client-cpu N]
USAGE
  exit 2
}
while (($#)); do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --build-dir) build_dir=$2 ;;
    --duration) duration=$2 ;;
    --warmup) warmup=$2 ;;
    --conns) conns_list=$2 ;;
    --sizes) sizes_list=$2 ;;
    --servers) servers_list=$2 ;;
    --server-cpu) server_cpu=$2 ;;
    --client-cpu) client_cpu=$2 ;;
    *) usage ;;
  esac
  shift 2
done

die() { echo "count-syscalls: $*" >&2; exit 1; }
note() { echo "count-syscalls: $*" >&2; }
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=$build_dir/bin
command -v perf >/dev/null || die "perf is required"
[[ -x $bin/qgnet-bench-load ]] || die "$bin/qgnet-bench-load not built"
ulimit -n 20000 2>/dev/null || true

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qgnet-syscalls.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill -KILL "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# shellcheck source=common/servers.sh
source "$script_dir/common/servers.sh"

events=raw_syscalls:sys_enter
for call in io_uring_enter epoll_wait read write recvfrom sendto sendmsg epoll_ctl; do
  events+=",syscalls:sys_enter_$call"
done

echo "| server | conns | size | msgs/s | syscalls/msg | io_uring_enter | epoll_wait | read | write | sendto | sendmsg | epoll_ctl |"
echo "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in $conns_list; do
  for s in $sizes_list; do
    for name in $servers_list; do
      start_server "$name" || die "$name did not start"
      load_tls_args "$name"
      taskset -c "$client_cpu" "$bin/qgnet-bench-load" "${load_tls[@]}" --host 127.0.0.1 --port "$port" --conns "$c" --size "$s" \
        --duration "$duration" --warmup "$warmup" --server-pid "$server_pid" >"$tmp/load.out" 2>"$tmp/load.err" &
      load_pid=$!
      sleep "$warmup"
      # The counting window is the load generator's measured window (give or take the start-up).
      perf stat -x, -e "$events" -p "$server_pid" -- sleep "$duration" 2>"$tmp/perf.out" >/dev/null || true
      load_ok=1
      wait "$load_pid" || load_ok=0
      stop_server "$name" || true
      if ((!load_ok)); then
        echo "count-syscalls: load generator failed against $name: $(cat "$tmp/load.err")" >&2
        echo "| $name | $c | $s | FAILED | | | | | | | | |"
        continue
      fi
      mps=$(sed -n 's/.*\<msgs_per_sec=\([^ ]*\).*/\1/p' "$tmp/load.out")
      awk -F, -v name="$name" -v c="$c" -v s="$s" -v mps="$mps" -v d="$duration" '
        { n[$3] = $1 }
        END {
          msgs = mps * d
          printf "| %s | %s | %s | %.0f | %.3f", name, c, s, mps, n["raw_syscalls:sys_enter"] / msgs
          split("io_uring_enter epoll_wait read write sendto sendmsg epoll_ctl", calls, " ")
          for (i = 1; i <= 7; i++) printf " | %.3f", n["syscalls:sys_enter_" calls[i]] / msgs
          print " |"
        }' "$tmp/perf.out"
    done
  done
done
