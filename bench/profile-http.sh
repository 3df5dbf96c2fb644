#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Where one server of run-http-bench.sh spends its CPU under one of its loads:
# the server runs pinned to --server-cpu under wrk (plain or pipelined
# GET /plaintext) or qgnet-bench-load --websocket on --client-cpu, while
# `perf record -e cpu-clock` samples it (nginx: master and worker). Prints the
# server's CPU per request over the window (from /proc/PID/stat as in
# run-http-bench.sh; for WebSocket the load generator's figure), the split of
# the samples between the kernel and user space in us per request, and the top
# symbols overall and in user space. Sampling slows the server a little:
# compare shares, not levels with a run without perf. Needs perf
# (scripts/deps.sh bench) and root or kernel.perf_event_paranoid <= 1.
# --callgraph 1 records call graphs too and adds the inclusive share of the
# kernel's stages of a request: the TCP send, within it the loopback delivery
# into the client's socket (net_rx_action, run on the sender's CPU), the TCP
# receive and the wait for events (see bench/results/profile-http-callgraph-*.md).

set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

build_dir=build
server=""
load=plain
seconds=4
conns=100
depth=16
ws_size=64
top=15
callgraph=0
server_cpu=0
client_cpu=1

usage() {
  cat <<USAGE
usage: $0 --server NAME [options]
  --server NAME        qgnet-http, qgnet-http-uring, qgnet-http-et, nginx, qt-http or qt-ws
  --load KIND          plain, pipelined or ws (default: plain)
  --seconds N          measured window, whole seconds (default: 4)
  --conns N            connections (default: 100)
  --depth N            requests per write when pipelined (default: 16)
  --ws-size BYTES      WebSocket payload (default: 64)
  --top N              symbols listed (default: 15)
  --callgraph 0|1      also record call graphs and print the kernel's stages (default: 0)
  --build-dir DIR      build tree holding bin/ (default: build)
  --server-cpu N       (default: 0)    --client-cpu N  (default: 1)
USAGE
  exit 2
}

while (($#)); do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --server) server=$2 ;;
    --load) load=$2 ;;
    --seconds) seconds=$2 ;;
    --conns) conns=$2 ;;
    --depth) depth=$2 ;;
    --ws-size) ws_size=$2 ;;
    --top) top=$2 ;;
    --callgraph) callgraph=$2 ;;
    --build-dir) build_dir=$2 ;;
    --server-cpu) server_cpu=$2 ;;
    --client-cpu) client_cpu=$2 ;;
    *) usage ;;
  esac
  shift 2
done

die() { echo "profile-http: $*" >&2; exit 1; }
note() { echo "profile-http: $*" >&2; }
# shellcheck source=common/servers.sh
source "$script_dir/common/servers.sh"

[[ -n $server ]] || usage
[[ $load == plain || $load == pipelined || $load == ws ]] || die "--load is plain, pipelined or ws"
[[ $seconds =~ ^[1-9][0-9]*$ ]] || die "--seconds takes whole seconds (wrk's -d)"
[[ $callgraph == 0 || $callgraph == 1 ]] || die "--callgraph is 0 or 1"
command -v perf >/dev/null || die "perf is required (scripts/deps.sh bench)"
bin=$build_dir/bin

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qgnet-profile-http.XXXXXX")
chmod 755 "$tmp" # nginx's worker may run as nobody
server_pid=""
perf_pid=""
cleanup() {
  for pid in $perf_pid $server_pid; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

start_any "$server" || die "$server did not start"
pids=$server_pid
for child in $(pgrep -P "$server_pid"); do pids+=",$child"; done
graph=()
((callgraph)) && graph=(-g)
perf record -q -e cpu-clock -F 2999 "${graph[@]}" -p "$pids" -o "$tmp/perf.data" 2>"$tmp/perf.err" &
perf_pid=$!
# perf needs a moment to attach, and the server a warm-up: one second of the same load, unmeasured.
url="http://127.0.0.1:$port/plaintext"
if [[ $load == ws ]]; then
  [[ -x $bin/qgnet-bench-load ]] || die "$bin/qgnet-bench-load not built"
  taskset -c "$client_cpu" "$bin/qgnet-bench-load" --websocket --port "$port" --server-pid "$server_pid" \
    --conns "$conns" --size "$ws_size" --duration "$seconds" --warmup 1 >"$tmp/load.out" ||
    die "the load generator failed"
  us=$(sed -n 's/.*server_cpu_us_per_msg=\([^ ]*\).*/\1/p' "$tmp/load.out")
  what="message"
else
  wrk_args=(-t1 -c"$conns")
  [[ $load == pipelined ]] && wrk_args+=(-s "$script_dir/wrk/pipeline.lua")
  taskset -c "$client_cpu" wrk "${wrk_args[@]}" -d1s "$url" >/dev/null
  before=$(cpu_ticks "$server_pid")
  if [[ $load == pipelined ]]; then
    taskset -c "$client_cpu" wrk "${wrk_args[@]}" -d"${seconds}s" "$url" -- "$depth" >"$tmp/wrk.out"
  else
    taskset -c "$client_cpu" wrk "${wrk_args[@]}" -d"${seconds}s" "$url" >"$tmp/wrk.out"
  fi
  after=$(cpu_ticks "$server_pid")
  reqs=$(sed -n 's/^ *\([0-9][0-9]*\) requests in .*/\1/p' "$tmp/wrk.out")
  us=$(awk -v a="$after" -v b="$before" -v hz="$(getconf CLK_TCK)" -v n="$reqs" 'BEGIN { printf "%.3f", (a - b) / hz * 1e6 / n }')
  what="request"
fi
kill -INT "$perf_pid"
wait "$perf_pid" || true
perf_pid=""
stop_any "$server" || true

perf report -i "$tmp/perf.data" --no-children --sort dso --stdio -q -g none 2>/dev/null | grep '%' >"$tmp/dso.txt" ||
  die "perf report gave nothing: $(cat "$tmp/perf.err")"
perf report -i "$tmp/perf.data" --no-children --sort dso,sym --stdio -q -g none 2>/dev/null | grep '%' >"$tmp/sym.txt"

echo "## $server, $load ($conns connections): $us us of server CPU per $what"
echo
awk -v us="$us" '{ share = $1 + 0; if ($2 == "[kernel.kallsyms]") k += share; else u += share }
  END { printf "| kernel | %.0f%% | %.3f us |\n| user space (the server and its libraries) | %.0f%% | %.3f us |\n",
        k, k * us / 100, u, u * us / 100 }' "$tmp/dso.txt" | { echo "| where | samples | per $what |"; echo "|---|---:|---:|"; cat; }
echo
echo "Top symbols (share of the server's samples):"
echo
echo '```'
head -n "$top" "$tmp/sym.txt"
echo '```'
echo
echo "Top user-space symbols:"
echo
echo '```'
grep -v 'kernel.kallsyms' "$tmp/sym.txt" | head -n "$top" || true
echo '```'

if ((callgraph)); then
  perf report -i "$tmp/perf.data" --children --sort sym --stdio -q -g none 2>/dev/null | grep '%' >"$tmp/children.txt"
  echo
  echo "The kernel's stages (inclusive share of the server's samples; - where the backend has none):"
  echo
  echo "| stage | function | samples |"
  echo "|---|---|---:|"
  stage() { # stage TEXT FUNCTION
    local share
    share=$(awk -v f="$2" '$NF == f { print $1; exit }' "$tmp/children.txt")
    echo "| $1 | \`$2\` | ${share:--} |"
  }
  stage "TCP send" tcp_sendmsg
  stage "of it: the loopback delivery into the client's socket" net_rx_action
  stage "TCP receive" tcp_recvmsg
  stage "waiting for events (epoll)" do_epoll_wait
  stage "waiting for completions (io_uring)" io_cqring_wait
fi
