#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Paired profile: where two servers spend their CPU per message, measured in
# the same paired run (see run-ab-bench.sh), so that machine drift cancels.
# Both servers run pinned to one CPU, the load generator drives them
# alternately, and `perf record -e cpu-clock` samples both processes for the
# whole run. Each server's samples are split into four groups of symbols:
#
#   network stack  every kernel symbol not in the next two groups: TCP, IP,
#                  loopback, softirq, timers, allocation (both backends pay it)
#   io_uring       the io_uring core: submission, task work, completions, its
#                  poll and buffer-ring code
#   syscall/epoll  system call entry and exit, fd lookup, epoll, the read and
#                  sendto wrappers, sock_poll/tcp_poll
#   user space     every sample outside the kernel (the server and its libc)
#
# and each group's share of the server's samples is multiplied by the
# server's CPU per message that the load generator measured in its slices.
# Prints a Markdown table of us/msg per group for A and B and the top symbols
# of the groups that differ. Needs perf and permission to profile
# (root, or kernel.perf_event_paranoid <= 1).

set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

build_dir=build
server_a=""
server_b=""
conns=1000
size=512
slices=80
slice=0.25
warmup=1
server_cpu=0
client_cpu=1
top=12

usage() {
  cat <<USAGE
usage: $0 --a SERVER --b SERVER [options]
  --a SERVER, --b SERVER  the two servers (names as in run-ab-bench.sh)
  --build-dir DIR      build tree holding bin/ (default: build)
  --conns N            connections per server (default: 1000)
  --size BYTES         message size (default: 512)
  --slices N           measured slices, both servers together; even (default: 80)
  --slice SECONDS      measured part of one slice (default: 0.25)
  --top N              symbols listed per group (default: 12)
USAGE
  exit 2
}

while (($#)); do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --a) server_a=$2 ;;
    --b) server_b=$2 ;;
    --build-dir) build_dir=$2 ;;
    --conns) conns=$2 ;;
    --size) size=$2 ;;
    --slices) slices=$2 ;;
    --slice) slice=$2 ;;
    --top) top=$2 ;;
    *) usage ;;
  esac
  shift 2
done

die() { echo "profile-ab: $*" >&2; exit 1; }
note() { echo "profile-ab: $*" >&2; }
# shellcheck source=common/servers.sh
source "$script_dir/common/servers.sh"

[[ -n $server_a && -n $server_b ]] || usage
load_tls_args "$server_a" "$server_b"
if ! [[ $slices =~ ^[1-9][0-9]*$ ]] || ((slices % 2 != 0)); then die "--slices must be a positive even number"; fi
[[ $conns =~ ^[1-9][0-9]*$ && $size =~ ^[1-9][0-9]*$ ]] || die "bad --conns or --size"
command -v perf >/dev/null || die "perf is required (scripts/deps.sh bench installs linux-perf)"
bin=$build_dir/bin
[[ -x $bin/qgnet-bench-load ]] || die "$bin/qgnet-bench-load not found; build it: cmake --build $build_dir --target qgnet-bench"
ulimit -n 20000 2>/dev/null || true

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qgnet-profile-ab.XXXXXX")
server_pid=""
pid_a=""
pid_b=""
perf_pid=""
cleanup() {
  for pid in $perf_pid $pid_a $pid_b $server_pid; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT

start_server "$server_a" a || die "$server_a did not start"
pid_a=$server_pid port_a=$port server_pid=""
start_server "$server_b" b || die "$server_b did not start"
pid_b=$server_pid port_b=$port server_pid=""

perf record -q -e cpu-clock -F 4999 -p "$pid_a,$pid_b" -o "$tmp/perf.data" 2>"$tmp/perf.err" &
perf_pid=$!
# Thread ids of each server, to tell their samples apart (perf reports thread ids).
taskset -c "$client_cpu" "$bin/qgnet-bench-load" "${load_tls[@]}" --host 127.0.0.1 \
  --port "$port_a" --server-pid "$pid_a" --port "$port_b" --server-pid "$pid_b" \
  --conns "$conns" --size "$size" --slices "$slices" --slice "$slice" --warmup "$warmup" \
  >"$tmp/load.out" 2>"$tmp/load.err" &
load_pid=$!
sleep 1 # the servers have started their loop threads by now; the list is read once
ls /proc/"$pid_a"/task >"$tmp/tids-a"
ls /proc/"$pid_b"/task >"$tmp/tids-b"
wait "$load_pid" || { sed 's/^/  /' "$tmp/load.err" >&2; die "load generator failed"; }
kill -INT "$perf_pid"
wait "$perf_pid" || true
perf_pid=""
stop_server "$server_a" "$pid_a" a || true
stop_server "$server_b" "$pid_b" b || true
pid_a="" pid_b=""

field() { sed -n "/^$1/s/.*\<$2=\([^ ]*\).*/\1/p" "$tmp/load.out"; }
us_a=$(field "target=0" server_cpu_us_per_msg)
us_b=$(field "target=1" server_cpu_us_per_msg)
[[ -n $us_a && -n $us_b ]] || die "no figures from the load generator"

perf report -i "$tmp/perf.data" --no-children --sort pid,dso,sym --stdio -q -g none 2>/dev/null |
  grep '%' >"$tmp/symbols.txt" || die "perf report gave nothing; see $tmp/perf.err"

awk -v us_a="$us_a" -v us_b="$us_b" -v top="$top" -v a="$server_a" -v b="$server_b" \
  -v conns="$conns" -v size="$size" -v cpu="$(field pairs cpu_ratio_median)" \
  'FILENAME ~ /tids-a$/ { side[$1] = "a"; next }
   FILENAME ~ /tids-b$/ { side[$1] = "b"; next }
   {
     pct = $1 + 0; split($2, t, ":"); s = side[t[1]]
     if (s == "") next
     dso = $3; sym = $5
     for (f = 6; f <= NF; f++) sym = sym " " $f
     if (dso !~ /kernel/) g = "user space"
     else if (sym ~ /^(__)?io_|^llist_|^tctx_|task_work|^sock_from_file$|^import_ubuf$/) g = "io_uring"
     else if (sym ~ /epoll|^ep_|fdget|fput|^vfs_read$|^ksys_read$|^__sys_sendto$|^__x64_sys|^do_syscall|^syscall_|^entry_SYSCALL|^sock_poll$|^tcp_poll$|^sock_read_iter$|^__(put|get)_user|^rw_verify|^fsnotify|^__fsnotify|^exit_to_user|^x64_sys_call$/) g = "syscall/epoll"
     else g = "network stack"
     share[s, g] += pct; total[s] += pct; groups[g] = 1
     key = s SUBSEP g SUBSEP $3 " " sym; per[key] += pct
   }
   END {
     printf "## paired profile: B = %s vs A = %s, %d connections x %d B\n\n", b, a, conns, size
     printf "CPU per message from the load generator: A %.3f us, B %.3f us; paired B/A median %s\n\n", us_a, us_b, cpu
     printf "| group | A us/msg | B us/msg | B - A |\n|:---|---:|---:|---:|\n"
     n = split("network stack,syscall/epoll,io_uring,user space", order, ",")
     for (i = 1; i <= n; i++) {
       g = order[i]; ua = us_a * share["a", g] / total["a"]; ub = us_b * share["b", g] / total["b"]
       printf "| %s | %.3f | %.3f | %+.3f |\n", g, ua, ub, ub - ua
     }
     printf "| all | %.3f | %.3f | %+.3f |\n", us_a, us_b, us_b - us_a
     for (s2 = 1; s2 <= 2; s2++) {
       s = (s2 == 1) ? "a" : "b"; us = (s == "a") ? us_a : us_b
       for (i = 1; i <= n; i++) {
         g = order[i]; m = 0
         for (k in per) { split(k, p, SUBSEP); if (p[1] == s && p[2] == g) { names[++m] = p[3]; vals[m] = per[k] } }
         if (m == 0) continue
         printf "\n%s, %s: top symbols, us/msg\n", (s == "a") ? "A " a : "B " b, g
         for (j = 1; j <= top && j <= m; j++) {
           best = 0
           for (x = 1; x <= m; x++) if (!(x in used) && (best == 0 || vals[x] > vals[best])) best = x
           used[best] = 1
           printf "  %.3f  %s\n", us * vals[best] / total[s], names[best]
         }
         delete used; delete names; delete vals
       }
     }
   }' "$tmp/tids-a" "$tmp/tids-b" "$tmp/symbols.txt"
