#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Echo benchmark runner: qgnet against a hand-written epoll loop (the
# reference) and peer libraries. For every (conns, size) point and round it
# starts each server pinned to one CPU, drives it with qgnet-bench-load pinned
# to another, and records throughput plus the server's CPU time per message
# over the measured window (the load generator samples the server's CPU clock
# itself at the window's start and end, so warmup is excluded).
#
# Prints a Markdown table on stdout; progress and problems go to stderr.
# Writes the summary CSV to --out and every single run to <out>-runs.csv.

set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

build_dir=build
rounds=3
duration=5
warmup=1
conns_list="10 100 1000"
sizes_list="64 512 4096"
servers_list="raw-epoll qgnet qgnet-uring asio libuv qt"
server_cpu=0
client_cpu=1
out=""

usage() {
  cat <<USAGE
usage: $0 [options]
  --build-dir DIR      build tree holding bin/ (default: build)
  --rounds N           repetitions per point, medians are reported (default: 3)
  --duration SECONDS   measured window per run (default: 5)
  --warmup SECONDS     excluded ramp-up before the window (default: 1)
  --conns "LIST"       connection counts (default: "10 100 1000")
  --sizes "LIST"       message sizes in bytes (default: "64 512 4096")
  --servers "LIST"     subset/order of: raw-epoll qgnet qgnet-uring asio libuv qt
                       (qgnet: the epoll backend; qgnet-uring: qgnet-echo --backend io_uring)
                       (also qt-noglib: the Qt server with QT_NO_GLIB=1)
  --server-cpu N       CPU the server is pinned to (default: 0)
  --client-cpu N       CPU the load generator is pinned to (default: 1)
  --out FILE           summary CSV (default: bench/results/echo-<date>.csv)
USAGE
  exit 2
}

while (($#)); do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --build-dir) build_dir=$2 ;;
    --rounds) rounds=$2 ;;
    --duration) duration=$2 ;;
    --warmup) warmup=$2 ;;
    --conns) conns_list=$2 ;;
    --sizes) sizes_list=$2 ;;
    --servers) servers_list=$2 ;;
    --server-cpu) server_cpu=$2 ;;
    --client-cpu) client_cpu=$2 ;;
    --out) out=$2 ;;
    *) usage ;;
  esac
  shift 2
done

die() { echo "run-echo-bench: $*" >&2; exit 1; }
note() { echo "run-echo-bench: $*" >&2; }
# shellcheck source=common/servers.sh
source "$script_dir/common/servers.sh"

[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer"
bin=$build_dir/bin
[[ -x $bin/qgnet-bench-load ]] || die "$bin/qgnet-bench-load not found; build it: cmake --build $build_dir --target qgnet-bench"
command -v taskset >/dev/null || die "taskset (util-linux) is required for CPU pinning"

servers=()
for s in $servers_list; do
  server_cmd "$s"
  if [[ -x $exe ]]; then
    servers+=("$s")
  else
    note "skipping $s: $exe not built"
  fi
done
((${#servers[@]})) || die "no server to run"

# --- environment ---------------------------------------------------------------
ncpu=$(nproc)
((server_cpu < ncpu && client_cpu < ncpu)) || die "need CPUs $server_cpu and $client_cpu, this machine has $ncpu"
((server_cpu != client_cpu)) || note "server and load generator share CPU $server_cpu: figures will be skewed"

max_conns=0
for c in $conns_list; do
  [[ $c =~ ^[1-9][0-9]*$ ]] || die "bad connection count '$c'"
  if ((c > max_conns)); then max_conns=$c; fi
done
for s in $sizes_list; do [[ $s =~ ^[1-9][0-9]*$ ]] || die "bad size '$s'"; done
# Servers inherit this limit; 1000 connections do not fit the usual 1024.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
(($(ulimit -n) >= max_conns + 64)) || die "open-file limit $(ulimit -n) is too low for $max_conns connections"

# Anything else running skews every figure; say so up front (and in the
# table).
busy_pct=$(cpu_busy_pct)
busy_pct=${busy_pct:-0}
busy=$((busy_pct > 10))
if ((busy)); then note "CPUs are ${busy_pct}% busy before starting: other work is running, figures will be noisy"; fi

if [[ -z $out ]]; then
  mkdir -p "$script_dir/results"
  out=$script_dir/results/echo-$(date +%Y%m%d-%H%M%S).csv
fi
runs_csv=${out%.csv}-runs.csv
mkdir -p "$(dirname "$out")"

# --- child process hygiene -------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qgnet-echo-bench.XXXXXX")
server_pid=""
load_pid=""
cleanup() {
  for pid in $load_pid $server_pid; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

field() { sed -n "s/.*\<$1=\([^ ]*\).*/\1/p" "$tmp/load.out"; }

# --- the runs ----------------------------------------------------------------------
echo "conns,size,round,server,status,msgs,secs,msgs_per_sec,server_cpu_sec,server_cpu_us_per_msg,client_cpu_sec,loadgen_saturated" >"$runs_csv"

total=0
for c in $conns_list; do for s in $sizes_list; do total=$((total + rounds * ${#servers[@]})); done; done
n=0
failures=0
warnings=0
started=$(date +%s)
for c in $conns_list; do
  for s in $sizes_list; do
    for ((r = 1; r <= rounds; r++)); do
      # Rotate the order each round so no server always runs first/last
      # (thermal state, page cache, leftover sockets).
      k=${#servers[@]}
      for ((j = 0; j < k; j++)); do
        name=${servers[$(((j + r - 1) % k))]}
        n=$((n + 1))
        status=ok
        if ! start_server "$name"; then
          status=fail
        else
          set +e
          load_tls_args "$name"
          taskset -c "$client_cpu" "$bin/qgnet-bench-load" "${load_tls[@]}" --host 127.0.0.1 --port "$port" \
            --conns "$c" --size "$s" --duration "$duration" --warmup "$warmup" \
            --server-pid "$server_pid" >"$tmp/load.out" 2>"$tmp/load.err" &
          load_pid=$!
          wait "$load_pid"
          load_rc=$?
          load_pid=""
          set -e
          if ((load_rc != 0)); then
            status=fail
            note "load generator failed against $name (conns=$c size=$s round=$r, status $load_rc):"
            sed 's/^/  /' "$tmp/load.err" >&2
          fi
          # An unclean exit after the window does not invalidate the numbers
          # (a crash inside it already failed the load generator): warn only.
          stop_server "$name" || warnings=$((warnings + 1))
        fi
        if [[ $status == ok ]]; then
          msgs=$(field msgs) secs=$(field secs) mps=$(field msgs_per_sec)
          scpu=$(field server_cpu_sec) us=$(field server_cpu_us_per_msg) ccpu=$(field client_cpu_sec)
          sat=$(awk -v c="$ccpu" -v t="$secs" 'BEGIN { print ((c >= 0.9 * t) ? 1 : 0) }')
          printf '[%d/%d] conns=%s size=%s round=%d %-9s %12.0f msg/s %8.3f us/msg%s\n' \
            "$n" "$total" "$c" "$s" "$r" "$name" "$mps" "$us" "$(if ((sat)); then echo '  (loadgen saturated)'; fi)" >&2
        else
          failures=$((failures + 1))
          msgs="" secs="" mps="" scpu="" us="" ccpu="" sat=""
          printf '[%d/%d] conns=%s size=%s round=%d %-9s FAILED\n' "$n" "$total" "$c" "$s" "$r" "$name" >&2
        fi
        echo "$c,$s,$r,$name,$status,$msgs,$secs,$mps,$scpu,$us,$ccpu,$sat" >>"$runs_csv"
      done
    done
  done
done

# --- summary -------------------------------------------------------------------------
# Medians per (conns, size, server) over the successful rounds, ratios against
# raw-epoll at the same point. awk only (no gawk extensions) for portability.
summary() {
  awk -F, -v order="${servers[*]}" -v fmt="$1" '
    function median(list,    a, m, i, j, t) {
      m = split(list, a, " ")
      for (i = 2; i <= m; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      if (m == 0) return ""
      return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    function ratio(x, y) { return (x == "" || y == "" || y == 0) ? "" : sprintf("%.2f", x / y) }
    NR == 1 { next }
    {
      key = $1 SUBSEP $2 SUBSEP $4
      if (!(($1 SUBSEP $2) in seen)) { seen[$1 SUBSEP $2] = 1; points[++np] = $1 SUBSEP $2 }
      total[key]++
      if ($5 != "ok") next
      ok[key]++
      mps[key] = mps[key] " " $8
      us[key] = us[key] " " $10
      util[key] = util[key] " " ($9 / $7 * 100)
      sat[key] += $12
    }
    END {
      ns = split(order, names, " ")
      if (fmt == "md") {
        print "| conns | size | server | msgs/s | vs raw | vs qgnet | server us/msg | vs raw | vs qgnet | server CPU | loadgen saturated | ok |"
        print "|---:|---:|:---|---:|---:|---:|---:|---:|---:|---:|:---|---:|"
      } else {
        print "conns,size,server,rounds_ok,rounds,median_msgs_per_sec,throughput_vs_raw,median_server_cpu_us_per_msg,cpu_per_msg_vs_raw,median_server_cpu_pct,loadgen_saturated_rounds,throughput_vs_qgnet,cpu_per_msg_vs_qgnet"
      }
      for (p = 1; p <= np; p++) {
        split(points[p], cs, SUBSEP)
        rk = points[p] SUBSEP "raw-epoll"
        raw_mps = (rk in ok) ? median(mps[rk]) : ""
        raw_us = (rk in ok) ? median(us[rk]) : ""
        qk = points[p] SUBSEP "qgnet"
        q_mps = (qk in ok) ? median(mps[qk]) : ""
        q_us = (qk in ok) ? median(us[qk]) : ""
        for (i = 1; i <= ns; i++) {
          key = points[p] SUBSEP names[i]
          if (!(key in total)) continue
          good = (key in ok) ? ok[key] : 0
          m = good ? median(mps[key]) : ""
          u = good ? median(us[key]) : ""
          cpu = good ? median(util[key]) : ""
          tr = ratio(m, raw_mps); cr = ratio(u, raw_us)
          tq = ratio(m, q_mps); cq = ratio(u, q_us)
          s = good ? sat[key] + 0 : 0
          if (fmt == "md") {
            flag = (s == 0) ? "no" : ((s == good) ? "yes" : sprintf("%d/%d rounds", s, good))
            if (!good) { print "| " cs[1] " | " cs[2] " | " names[i] " | FAILED | | | | | | | | 0/" total[key] " |"; continue }
            printf "| %s | %s | %s | %.0f | %s | %s | %.3f | %s | %s | %.0f%% | %s | %d/%d |\n", cs[1], cs[2], names[i], m,
              (tr == "" ? "-" : tr "x"), (tq == "" ? "-" : tq "x"), u, (cr == "" ? "-" : cr "x"), (cq == "" ? "-" : cq "x"),
              cpu, flag, good, total[key]
          } else {
            printf "%s,%s,%s,%d,%d,%s,%s,%s,%s,%s,%d,%s,%s\n", cs[1], cs[2], names[i], good, total[key],
              (good ? sprintf("%.1f", m) : ""), tr, (good ? sprintf("%.4f", u) : ""), cr, (good ? sprintf("%.1f", cpu) : ""), s, tq, cq
          }
        }
      }
    }' "$runs_csv"
}

summary csv >"$out"

cat <<HEADER
## qgnet echo benchmark

- host: $(uname -n), $(uname -sr), $ncpu CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1))
- server pinned to CPU $server_cpu, load generator to CPU $client_cpu; CPUs ${busy_pct}% busy just before the run$(if ((busy)); then echo " (busy machine: figures are noisy)"; fi)
- $rounds round(s) per point, ${duration}s measured after ${warmup}s warmup, medians shown
- "vs raw": ratio to raw-epoll at the same point (msgs/s: higher is better; us/msg: lower is better)
- "vs qgnet": the same ratio against qgnet on its epoll backend (so qgnet-uring's row is io_uring / epoll)
- "loadgen saturated": the load generator used >= 90% of a CPU, so msgs/s is capped by the client, not the server; compare us/msg there

HEADER
summary md
echo
echo "summary CSV: $out"
echo "per-run CSV: $runs_csv"
note "done in $(($(date +%s) - started)) s, $failures failed run(s), $warnings unclean server exit(s)"
((failures == 0))
