#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Paired A/B echo benchmark: two servers measured alternately in short slices
# inside one run of qgnet-bench-load (ABBA order), so that each adjacent pair
# of slices sees the same machine state. On a machine whose speed drifts by
# tens of percent over tens of seconds this compares servers far more tightly
# than run-echo-bench.sh, which measures them one after the other. See
# bench/README.md ("Paired A/B runs").
#
# For every (conns, size) point both servers are started, pinned to the same
# CPU (the idle one uses none), and the load generator, pinned to another,
# connects to both and drives one at a time. Prints a Markdown table of B/A
# ratios on stdout (progress and problems on stderr), writes one CSV row per
# point to --out and every measured slice to <out>-slices.csv.

set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

build_dir=build
server_a=""
server_b=""
conns_list="10 100 1000"
sizes_list="64 512 4096"
slices=40
slice=0.25
warmup=1
server_cpu=0
client_cpu=1
out=""

usage() {
  cat <<USAGE
usage: $0 --a SERVER --b SERVER [options]
  --a SERVER, --b SERVER  the two servers (names as in run-echo-bench.sh:
                       raw-epoll qgnet qgnet-uring asio libuv qt qt-noglib ...);
                       ratios are B/A. The same name twice is an A/A check.
  --build-dir DIR      build tree holding bin/ (default: build)
  --conns "LIST"       connections per server (default: "10 100 1000")
  --sizes "LIST"       message sizes in bytes (default: "64 512 4096")
  --slices N           measured slices per point, both servers together; even (default: 40)
  --slice SECONDS      measured part of one slice (default: 0.25)
  --warmup SECONDS     unmeasured run of each server before the slices (default: 1)
  --server-cpu N       CPU both servers are pinned to (default: 0)
  --client-cpu N       CPU the load generator is pinned to (default: 1)
  --out FILE           CSV, one row per point (default: bench/results/ab-<a>-<b>-<date>.csv);
                       every slice goes to <out>-slices.csv
USAGE
  exit 2
}

while (($#)); do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --a) server_a=$2 ;;
    --b) server_b=$2 ;;
    --build-dir) build_dir=$2 ;;
    --conns) conns_list=$2 ;;
    --sizes) sizes_list=$2 ;;
    --slices) slices=$2 ;;
    --slice) slice=$2 ;;
    --warmup) warmup=$2 ;;
    --server-cpu) server_cpu=$2 ;;
    --client-cpu) client_cpu=$2 ;;
    --out) out=$2 ;;
    *) usage ;;
  esac
  shift 2
done

die() { echo "run-ab-bench: $*" >&2; exit 1; }
note() { echo "run-ab-bench: $*" >&2; }
# shellcheck source=common/servers.sh
source "$script_dir/common/servers.sh"

[[ -n $server_a && -n $server_b ]] || usage
load_tls_args "$server_a" "$server_b"
if ! [[ $slices =~ ^[1-9][0-9]*$ ]] || ((slices % 2 != 0)); then die "--slices must be a positive even number"; fi
bin=$build_dir/bin
[[ -x $bin/qgnet-bench-load ]] || die "$bin/qgnet-bench-load not found; build it: cmake --build $build_dir --target qgnet-bench"
command -v taskset >/dev/null || die "taskset (util-linux) is required for CPU pinning"
for s in "$server_a" "$server_b"; do
  server_cmd "$s"
  [[ -x $exe ]] || die "$s: $exe not built"
done

ncpu=$(nproc)
((server_cpu < ncpu && client_cpu < ncpu)) || die "need CPUs $server_cpu and $client_cpu, this machine has $ncpu"
((server_cpu != client_cpu)) || note "servers and load generator share CPU $server_cpu: figures will be skewed"

max_conns=0
for c in $conns_list; do
  [[ $c =~ ^[1-9][0-9]*$ ]] || die "bad connection count '$c'"
  if ((c > max_conns)); then max_conns=$c; fi
done
for s in $sizes_list; do [[ $s =~ ^[1-9][0-9]*$ ]] || die "bad size '$s'"; done
# Each server holds max_conns sockets, the load generator twice that.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
(($(ulimit -n) >= 2 * max_conns + 64)) || die "open-file limit $(ulimit -n) is too low for 2 x $max_conns connections"

busy_pct=$(cpu_busy_pct)
busy_pct=${busy_pct:-0}
if ((busy_pct > 10)); then note "CPUs are ${busy_pct}% busy before starting: other work is running (pairing cancels slow drift, not noise)"; fi

if [[ -z $out ]]; then
  mkdir -p "$script_dir/results"
  out=$script_dir/results/ab-$server_a-$server_b-$(date +%Y%m%d-%H%M%S).csv
fi
slices_csv=${out%.csv}-slices.csv
mkdir -p "$(dirname "$out")"

# --- child process hygiene -------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qgnet-ab-bench.XXXXXX")
server_pid=""
pid_a=""
pid_b=""
load_pid=""
cleanup() {
  for pid in $load_pid $pid_a $pid_b $server_pid; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# field LINE_PREFIX KEY: KEY's value on the load generator's line starting with LINE_PREFIX.
field() { sed -n "/^$1/s/.*\<$2=\([^ ]*\).*/\1/p" "$tmp/load.out"; }

# --- the runs ----------------------------------------------------------------------
csv_header="conns,size,a,b,status,pairs,cpu_ratio_median,cpu_ratio_p25,cpu_ratio_p75,tput_ratio_median,tput_ratio_p25,tput_ratio_p75"
csv_header+=",a_msgs_per_sec,a_server_cpu_us_per_msg,a_client_cpu_pct,b_msgs_per_sec,b_server_cpu_us_per_msg,b_client_cpu_pct"
echo "$csv_header" >"$out"
echo "conns,size,slice,target,msgs,secs,msgs_per_sec,server_cpu_sec,server_cpu_us_per_msg,client_cpu_sec" >"$slices_csv"

total=0
for c in $conns_list; do for s in $sizes_list; do total=$((total + 1)); done; done
n=0
failures=0
warnings=0
started=$(date +%s)
for c in $conns_list; do
  for s in $sizes_list; do
    n=$((n + 1))
    status=ok
    pid_a="" pid_b=""
    if start_server "$server_a" a; then
      pid_a=$server_pid port_a=$port
      server_pid=""
      if start_server "$server_b" b; then
        pid_b=$server_pid port_b=$port
        server_pid=""
      else
        status=fail
      fi
    else
      status=fail
    fi
    if [[ $status == ok ]]; then
      set +e
      taskset -c "$client_cpu" "$bin/qgnet-bench-load" "${load_tls[@]}" --host 127.0.0.1 \
        --port "$port_a" --server-pid "$pid_a" --port "$port_b" --server-pid "$pid_b" \
        --conns "$c" --size "$s" --slices "$slices" --slice "$slice" --warmup "$warmup" \
        --slice-log "$tmp/slices.csv" >"$tmp/load.out" 2>"$tmp/load.err" &
      load_pid=$!
      wait "$load_pid"
      load_rc=$?
      load_pid=""
      set -e
      if ((load_rc != 0)); then
        status=fail
        note "load generator failed ($server_a vs $server_b, conns=$c size=$s, status $load_rc):"
        sed 's/^/  /' "$tmp/load.err" >&2
      fi
    fi
    # An unclean exit after the run does not invalidate the numbers (a crash
    # inside it already failed the load generator): warn only.
    if [[ -n $pid_a ]]; then stop_server "$server_a" "$pid_a" a || warnings=$((warnings + 1)); fi
    if [[ -n $pid_b ]]; then stop_server "$server_b" "$pid_b" b || warnings=$((warnings + 1)); fi
    pid_a="" pid_b=""
    if [[ $status == ok ]]; then
      sed "1d; s/^/$c,$s,/" "$tmp/slices.csv" >>"$slices_csv"
      row="$c,$s,$server_a,$server_b,ok,$(field pairs pairs)"
      for k in cpu_ratio tput_ratio; do
        row+=",$(field pairs ${k}_median),$(field pairs ${k}_p25),$(field pairs ${k}_p75)"
      done
      for t in 0 1; do
        ccpu_pct=$(awk -v c="$(field "target=$t" client_cpu_sec)" -v t="$(field "target=$t" secs)" 'BEGIN { printf "%.0f", 100 * c / t }')
        row+=",$(field "target=$t" msgs_per_sec),$(field "target=$t" server_cpu_us_per_msg),$ccpu_pct"
      done
      printf '[%d/%d] conns=%s size=%s  B/A cpu/msg %s [%s, %s]  msgs/s %s [%s, %s]\n' "$n" "$total" "$c" "$s" \
        "$(field pairs cpu_ratio_median)" "$(field pairs cpu_ratio_p25)" "$(field pairs cpu_ratio_p75)" \
        "$(field pairs tput_ratio_median)" "$(field pairs tput_ratio_p25)" "$(field pairs tput_ratio_p75)" >&2
    else
      failures=$((failures + 1))
      row="$c,$s,$server_a,$server_b,fail,,,,,,,,,,,,,"
      printf '[%d/%d] conns=%s size=%s FAILED\n' "$n" "$total" "$c" "$s" >&2
    fi
    echo "$row" >>"$out"
  done
done

# --- summary -------------------------------------------------------------------------
cat <<HEADER
## qgnet paired A/B echo benchmark: B = $server_b vs A = $server_a

- host: $(uname -n), $(uname -sr), $ncpu CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1))
- both servers pinned to CPU $server_cpu, load generator to CPU $client_cpu; CPUs ${busy_pct}% busy just before the run
- per point: ${warmup}s warmup of each, then $slices slices of ${slice}s measured (after a 10% ramp, before a drain), in ABBA order
- ratios are B/A over the $((slices / 2)) adjacent (A, B) slice pairs: median [p25–p75]; CPU/msg below 1.00 means B needs less server CPU per message, msgs/s above 1.00 means B is faster
- us/msg and msgs/s: each server's measured slices summed; loadgen: the load generator's CPU share while driving A / B (near 100%: msgs/s is capped by the client, compare CPU/msg)

| conns | size | B/A CPU/msg [p25–p75] | B/A msgs/s [p25–p75] | A us/msg | B us/msg | A msgs/s | B msgs/s | loadgen A/B |
|---:|---:|:---|:---|---:|---:|---:|---:|---:|
HEADER
awk -F, 'NR > 1 {
  if ($5 != "ok") { printf "| %s | %s | FAILED | | | | | | |\n", $1, $2; next }
  printf "| %s | %s | %.3f [%.3f–%.3f] | %.3f [%.3f–%.3f] | %.3f | %.3f | %.0f | %.0f | %s%% / %s%% |\n",
    $1, $2, $7, $8, $9, $10, $11, $12, $14, $17, $13, $16, $15, $18
}' "$out"
echo
echo "CSV: $out"
echo "every slice (target 0 = A, 1 = B): $slices_csv"
note "done in $(($(date +%s) - started)) s, $failures failed point(s), $warnings unclean server exit(s)"
((failures == 0))
