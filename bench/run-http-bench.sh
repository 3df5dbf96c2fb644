#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# HTTP and WebSocket benchmark, every server side by side in one run:
#   - GET /plaintext ("Hello, World!") from qgnet-http (1 loop; epoll, and
#     io_uring as a second row), nginx (one worker, `return 200`, access log
#     off) and a minimal Qt HttpServer app, driven by wrk with --conns
#     connections, plain and pipelined (bench/wrk/pipeline.lua, --depth
#     requests per write);
#   - WebSocket echo of --ws-size bytes on --ws-conns connections, qgnet-http's
#     /ws against a QWebSocketServer app, driven by qgnet-bench-load --websocket.
# Every server is pinned to --server-cpu, the load to --client-cpus. Server
# CPU is read over the load's window: from /proc/PID/stat (utime + stime of
# the process and, for nginx, of its worker) around each wrk run, and by the
# load generator itself for WebSocket. The servers' order rotates from round
# to round and the table shows medians over the rounds. wrk errors (socket
# errors or non-2xx answers) fail the run. See docs/benchmarks.md.
#
# --paired "A B" instead measures two HTTP servers against each other in
# alternating one-second wrk slices (ABBA order, both servers running and
# pinned to the server CPU), plain and pipelined, and prints the median and
# quartiles of the B/A ratios per pair, as run-ab-bench.sh does for echo: on a
# machine whose speed drifts, the pairs cancel what one-after-the-other runs
# cannot. Slice CPU comes from the threads' schedstat (nanoseconds).

set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

build_dir=build
duration=5
warmup=1
rounds=3
conns=100
depth=16
ws_conns=100
ws_size=64
http_servers="qgnet-http qgnet-http-uring qgnet-http-et nginx qt-http"
ws_servers="qgnet-http qgnet-http-uring qgnet-http-et qt-ws"
server_cpu=0
client_cpus=1
out=""
paired=""
pairs=20

usage() {
  cat <<USAGE
usage: $0 [options]
  --build-dir DIR       build tree holding bin/ (default: build)
  --duration SECONDS    measured window of every run (default: 5)
  --warmup SECONDS      unmeasured load after each server starts (default: 1)
  --rounds N            rounds, server order rotated each round; medians are shown (default: 3)
  --conns N             wrk connections (default: 100)
  --depth N             requests per write in the pipelined runs (default: 16)
  --ws-conns N          WebSocket connections (default: 100)
  --ws-size BYTES       WebSocket message payload (default: 64)
  --http-servers "LIST" (default: "$http_servers")
  --ws-servers "LIST"   (default: "$ws_servers"); either list may be ""
  --server-cpu N        CPU every server is pinned to (default: 0)
  --client-cpus LIST    taskset list for wrk (one thread per CPU) and the load generator (its first CPU)
                        (default: 1)
  --out FILE            CSV of every run (default: bench/results/http-<date>.csv)
  --paired "A B"        paired mode: two HTTP servers in alternating 1 s wrk slices (see above)
  --pairs N             paired mode: slice pairs per load (default: 20)
USAGE
  exit 2
}

while (($#)); do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --build-dir) build_dir=$2 ;;
    --duration) duration=$2 ;;
    --warmup) warmup=$2 ;;
    --rounds) rounds=$2 ;;
    --conns) conns=$2 ;;
    --depth) depth=$2 ;;
    --ws-conns) ws_conns=$2 ;;
    --ws-size) ws_size=$2 ;;
    --http-servers) http_servers=$2 ;;
    --ws-servers) ws_servers=$2 ;;
    --server-cpu) server_cpu=$2 ;;
    --client-cpus) client_cpus=$2 ;;
    --out) out=$2 ;;
    --paired) paired=$2 ;;
    --pairs) pairs=$2 ;;
    *) usage ;;
  esac
  shift 2
done

die() { echo "run-http-bench: $*" >&2; exit 1; }
note() { echo "run-http-bench: $*" >&2; }
# shellcheck source=common/servers.sh
source "$script_dir/common/servers.sh"

bin=$build_dir/bin
if [[ -n $paired ]]; then
  read -r pair_a pair_b extra <<<"$paired"
  [[ -n $pair_b && -z $extra ]] || die "--paired takes two server names"
  [[ $pair_a != nginx || $pair_b != nginx ]] || die "one nginx at a time (they would share a prefix)"
  http_servers="$pair_a $pair_b"
  ws_servers=""
fi
for n in "$duration" "$warmup"; do [[ $n =~ ^[0-9]+$ ]] || die "--duration and --warmup take whole seconds (wrk's -d)"; done
for n in "$rounds" "$conns" "$depth" "$ws_conns" "$ws_size" "$pairs"; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "bad number '$n'"; done
command -v taskset >/dev/null || die "taskset (util-linux) is required for CPU pinning"
command -v curl >/dev/null || die "curl is required (scripts/deps.sh)"
if [[ -n $http_servers ]]; then command -v wrk >/dev/null || die "wrk is required (scripts/deps.sh)"; fi
[[ -z $ws_servers || -x $bin/qgnet-bench-load ]] || die "$bin/qgnet-bench-load not built: cmake --build $build_dir --target qgnet-bench"
skip() { note "skipping $1: $2"; }
available=""
for s in $http_servers $ws_servers; do
  if [[ $s == nginx ]]; then
    if [[ -x $nginx_bin ]]; then available+=" $s"; else skip nginx "not installed (scripts/deps.sh bench)"; fi
    continue
  fi
  server_cmd "$s"
  if [[ -x $exe ]]; then available+=" $s"; else skip "$s" "$exe not built (cmake --build $build_dir --target qgnet-bench)"; fi
done
keep_available() { local s r=""; for s in $1; do [[ " $available " == *" $s "* ]] && r+=" $s"; done; echo "${r# }"; }
http_servers=$(keep_available "$http_servers")
ws_servers=$(keep_available "$ws_servers")

read -ra client_cpu_list <<<"$(echo "$client_cpus" | tr ',' ' ')"
wrk_threads=0
for c in "${client_cpu_list[@]}"; do
  if [[ $c =~ ^([0-9]+)-([0-9]+)$ ]]; then wrk_threads=$((wrk_threads + BASH_REMATCH[2] - BASH_REMATCH[1] + 1))
  elif [[ $c =~ ^[0-9]+$ ]]; then wrk_threads=$((wrk_threads + 1))
  else die "bad --client-cpus '$client_cpus'"; fi
done
load_cpu=${client_cpu_list[0]%%-*}
[[ " $(echo "$client_cpus" | tr ',-' '  ') " != *" $server_cpu "* ]] || note "the server CPU $server_cpu is also a client CPU: figures will be skewed"
clk_tck=$(getconf CLK_TCK)
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

busy_pct=$(cpu_busy_pct)
busy_pct=${busy_pct:-0}
if ((busy_pct > 10)); then note "CPUs are ${busy_pct}% busy before starting: other work is running, expect noise"; fi

if [[ -z $out ]]; then
  mkdir -p "$script_dir/results"
  out=$script_dir/results/http-$(date +%Y%m%d-%H%M%S).csv
fi
mkdir -p "$(dirname "$out")"

# --- child process hygiene -------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qgnet-http-bench.XXXXXX")
chmod 755 "$tmp" # nginx's worker may run as another user (nobody, when started by root)
server_pid=""
load_pid=""
pair_pids=""
cleanup() {
  for pid in $load_pid $server_pid $pair_pids; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- one measured run --------------------------------------------------------------
results=$tmp/results.txt # test server round rate server_us cpu_pct client_pct errors
: >"$results"
failures=0

# run_wrk SERVER MODE ROUND: wrk against $port for $duration seconds; appends a result line.
run_wrk() {
  local name=$1 mode=$2 round=$3 args before after reqs secs rate errors wtime
  args=(-t"$wrk_threads" -c"$conns" -d"${duration}s")
  [[ $mode == pipelined ]] && args+=(-s "$script_dir/wrk/pipeline.lua")
  args+=("http://127.0.0.1:$port/plaintext")
  [[ $mode == pipelined ]] && args+=(-- "$depth")
  before=$(cpu_ticks "$server_pid")
  local TIMEFORMAT='%U %S'
  { time taskset -c "$client_cpus" wrk "${args[@]}" >"$tmp/wrk.out" 2>&1; } 2>"$tmp/wrk.time" || {
    note "wrk failed against $name ($mode):"
    sed 's/^/  /' "$tmp/wrk.out" >&2
    failures=$((failures + 1))
    return 0
  }
  after=$(cpu_ticks "$server_pid")
  reqs=$(sed -n 's/^ *\([0-9][0-9]*\) requests in .*/\1/p' "$tmp/wrk.out")
  secs=$(sed -n 's/^ *[0-9][0-9]* requests in \([0-9.]*\)\([a-z]*\),.*/\1 \2/p' "$tmp/wrk.out" |
    awk '{ print ($2 == "ms") ? $1 / 1000 : ($2 == "m") ? $1 * 60 : $1 }')
  # Socket errors (connect, read, write, timeout) and non-2xx/3xx answers; wrk prints neither line when there are none.
  errors=$(sed -n -e 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' \
    -e 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$tmp/wrk.out" |
    awk '{ for (i = 1; i <= NF; i++) e += $i } END { print e + 0 }')
  if [[ -z $reqs || -z $secs ]] || ((reqs == 0)); then
    note "no wrk result against $name ($mode):"
    sed 's/^/  /' "$tmp/wrk.out" >&2
    failures=$((failures + 1))
    return 0
  fi
  if ((errors > 0)); then
    note "$name ($mode, round $round): $errors wrk errors:"
    grep -E 'Non-2xx|Socket errors' "$tmp/wrk.out" | sed 's/^/  /' >&2
    failures=$((failures + 1))
  fi
  wtime=$(cat "$tmp/wrk.time")
  awk -v test="http-$mode" -v name="$name" -v round="$round" -v reqs="$reqs" -v secs="$secs" -v b="$before" \
    -v a="$after" -v hz="$clk_tck" -v w="$wtime" -v errors="$errors" 'BEGIN {
      cpu = (a - b) / hz; split(w, t, " ")
      printf "%s %s %s %.1f %.3f %.0f %.0f %d\n", test, name, round, reqs / secs, cpu * 1e6 / reqs, 100 * cpu / secs,
        100 * (t[1] + t[2]) / secs, errors }' >>"$results"
  tail -n1 "$results" | awk '{ printf "  %-18s %-15s round %s: %12.0f req/s  %7.3f us/req  server %s%%  wrk %s%%  errors %s\n",
    $1, $2, $3, $4, $5, $6, $7, $8 }' >&2
}

# run_ws SERVER ROUND: qgnet-bench-load --websocket against $port; appends a result line.
run_ws() {
  local name=$1 round=$2 rc
  set +e
  taskset -c "$load_cpu" "$bin/qgnet-bench-load" --websocket --port "$port" --server-pid "$server_pid" \
    --conns "$ws_conns" --size "$ws_size" --duration "$duration" --warmup "$warmup" >"$tmp/load.out" 2>"$tmp/load.err" &
  load_pid=$!
  wait "$load_pid"
  rc=$?
  load_pid=""
  set -e
  if ((rc != 0)); then
    note "load generator failed against $name (status $rc):"
    sed 's/^/  /' "$tmp/load.err" >&2
    failures=$((failures + 1))
    return 0
  fi
  awk -v name="$name" -v round="$round" '{
      for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "ws-echo %s %s %.1f %.3f %.0f %.0f 0\n", name, round, v["msgs_per_sec"], v["server_cpu_us_per_msg"],
        100 * v["server_cpu_sec"] / v["secs"], 100 * v["client_cpu_sec"] / v["secs"] }' "$tmp/load.out" >>"$results"
  tail -n1 "$results" | awk '{ printf "  %-18s %-15s round %s: %12.0f msg/s  %7.3f us/msg  server %s%%  load %s%%\n",
    $1, $2, $3, $4, $5, $6, $7 }' >&2
}

# rotate N LIST: LIST started at its (N mod length)-th element.
rotate() {
  local -a l
  read -ra l <<<"$2"
  local n=${#l[@]} i
  ((n > 0)) || return 0
  for ((i = 0; i < n; i++)); do printf '%s ' "${l[$(((i + $1) % n))]}"; done
}

# --- paired mode ------------------------------------------------------------------------
# wrk_slice NAME PORT PID MODE: one 1 s wrk run; prints "requests seconds cpu_ns errors".
wrk_slice() {
  local port=$2 pid=$3 mode=$4 before after args
  args=(-t"$wrk_threads" -c"$conns" -d1s)
  [[ $mode == pipelined ]] && args+=(-s "$script_dir/wrk/pipeline.lua")
  args+=("http://127.0.0.1:$port/plaintext")
  [[ $mode == pipelined ]] && args+=(-- "$depth")
  before=$(cpu_ns "$pid")
  taskset -c "$client_cpus" wrk "${args[@]}" >"$tmp/wrk.out" 2>&1 || die "wrk failed against $1: $(cat "$tmp/wrk.out")"
  after=$(cpu_ns "$pid")
  awk -v cpu=$((after - before)) '
    / requests in / { n = $1; s = $4; sub(/,$/, "", s); u = s; sub(/^[0-9.]+/, "", u); s += 0
                      if (u == "ms") s /= 1000; else if (u == "m") s *= 60 }
    /Non-2xx or 3xx responses:/ { e += $NF }
    /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) e += $i + 0 }
    END { printf "%d %s %d %d\n", n, s, cpu, e }' "$tmp/wrk.out"
}

run_paired() {
  local pid_a pid_b port_a port_b mode i who line
  start_any "$pair_a" || die "$pair_a did not start"
  pid_a=$server_pid port_a=$port
  server_pid=""
  start_any "$pair_b" || { server_pid=$pid_a; die "$pair_b did not start"; }
  pid_b=$server_pid port_b=$port
  server_pid=""
  pair_pids="$pid_a $pid_b"
  echo "mode,slice,server,requests,secs,cpu_ns,errors" >"$out"
  echo "| load | B/A CPU/req [p25–p75] | B/A req/s [p25–p75] | A µs/req | B µs/req | A req/s | B req/s |"
  echo "|---|:---|:---|---:|---:|---:|---:|"
  for mode in plain pipelined; do
    # Unmeasured warm-up of each, then 2 x pairs slices in ABBA order.
    wrk_slice "$pair_a" "$port_a" "$pid_a" "$mode" >/dev/null
    wrk_slice "$pair_b" "$port_b" "$pid_b" "$mode" >/dev/null
    : >"$tmp/slices.txt"
    for ((i = 0; i < 2 * pairs; i++)); do
      # ABBA: slices 0 and 3 of every four are A.
      if ((i % 4 == 0 || i % 4 == 3)); then who=a; else who=b; fi
      if [[ $who == a ]]; then line=$(wrk_slice "$pair_a" "$port_a" "$pid_a" "$mode")
      else line=$(wrk_slice "$pair_b" "$port_b" "$pid_b" "$mode"); fi
      echo "$i $who $line" >>"$tmp/slices.txt"
      echo "$mode,$i,$([[ $who == a ]] && echo "$pair_a" || echo "$pair_b"),${line// /,}" >>"$out"
    done
    awk '$6 > 0 { failed = 1 } END { exit !failed }' "$tmp/slices.txt" &&
      { note "$mode: wrk errors in some slices (see $out)"; failures=$((failures + 1)); }
    # Pairs are consecutive slices (0,1), (2,3), ...: one A and one B each.
    awk -v mode="$mode" -v depth="$depth" '
      function q(arr, n, p,   pos, lo) { pos = p * (n - 1); lo = int(pos); return (lo + 1 < n) ? arr[lo] + (pos - lo) * (arr[lo + 1] - arr[lo]) : arr[lo] }
      function sort(arr, n,   i, j, t) { for (i = 1; i < n; i++) { t = arr[i]; for (j = i - 1; j >= 0 && arr[j] > t; j--) arr[j + 1] = arr[j]; arr[j + 1] = t } }
      { who[$1] = $2; n[$1] = $3; s[$1] = $4; c[$1] = $5; tn[$2] += $3; ts[$2] += $4; tc[$2] += $5; count++ }
      END {
        np = 0
        for (i = 0; i + 1 < count; i += 2) {
          a = (who[i] == "a") ? i : i + 1; b = (who[i] == "a") ? i + 1 : i
          cr[np] = (c[b] / n[b]) / (c[a] / n[a]); tr[np] = (n[b] / s[b]) / (n[a] / s[a]); np++
        }
        sort(cr, np); sort(tr, np)
        label = (mode == "plain") ? "GET /plaintext" : "GET /plaintext, pipelined x" depth
        printf "| %s | %.3f [%.3f–%.3f] | %.3f [%.3f–%.3f] | %.3f | %.3f | %.0f | %.0f |\n", label,
          q(cr, np, 0.5), q(cr, np, 0.25), q(cr, np, 0.75), q(tr, np, 0.5), q(tr, np, 0.25), q(tr, np, 0.75),
          tc["a"] / 1000 / tn["a"], tc["b"] / 1000 / tn["b"], tn["a"] / ts["a"], tn["b"] / ts["b"]
      }' "$tmp/slices.txt"
  done
  echo
  echo "A = $pair_a, B = $pair_b; $pairs pairs of 1 s wrk slices (ABBA) per load, $conns connections; both servers on CPU $server_cpu, wrk on CPU(s) $client_cpus; $(date -u +%Y-%m-%dT%H:%MZ)."
  stop_server "$pair_a" "$pid_a" "$pair_a" || note "$pair_a did not exit cleanly"
  stop_server "$pair_b" "$pid_b" "$pair_b" || note "$pair_b did not exit cleanly"
  pair_pids=""
}

if [[ -n $paired ]]; then
  run_paired
  note "every slice in $out"
  ((failures == 0)) || exit 1
  exit 0
fi

# --- the rounds ----------------------------------------------------------------------
started=$(date +%s)
note "server on CPU $server_cpu; wrk ($wrk_threads thread(s)) on CPU(s) $client_cpus; load generator on CPU $load_cpu"
for ((round = 1; round <= rounds; round++)); do
  note "round $round of $rounds"
  for name in $(rotate "$((round - 1))" "$http_servers"); do
    start_any "$name" || { failures=$((failures + 1)); continue; }
    body=$(curl -s "http://127.0.0.1:$port/plaintext")
    if [[ $body != "Hello, World!" ]]; then
      note "$name answered /plaintext with '$body'"
      failures=$((failures + 1))
    else
      # The answer's size, for the table's notes: servers that send more header bytes do more work.
      [[ -s $tmp/size-$name ]] || curl -s -i "http://127.0.0.1:$port/plaintext" | wc -c >"$tmp/size-$name"
      taskset -c "$client_cpus" wrk -t"$wrk_threads" -c"$conns" -d"${warmup}s" "http://127.0.0.1:$port/plaintext" >/dev/null 2>&1 || true
      run_wrk "$name" plain "$round"
      run_wrk "$name" pipelined "$round"
    fi
    stop_any "$name" || note "$name did not exit cleanly"
  done
  for name in $(rotate "$((round - 1))" "$ws_servers"); do
    start_any "$name" || { failures=$((failures + 1)); continue; }
    run_ws "$name" "$round"
    stop_any "$name" || note "$name did not exit cleanly"
  done
done

# --- the table -------------------------------------------------------------------------
echo "test,server,round,rate_per_sec,server_cpu_us,server_cpu_pct,client_cpu_pct,errors" >"$out"
tr ' ' ',' <"$results" >>"$out"

# Medians per (test, server): test server rate server_us server_pct client_pct errors_total
medians=$tmp/medians.txt
awk '
  function median(s,   a, n, i, j, t) {
    n = split(s, a, " ")
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { k = $1 " " $2; if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
    r[k] = r[k] " " $4; u[k] = u[k] " " $5; sp[k] = sp[k] " " $6; cp[k] = cp[k] " " $7; e[k] += $8; n[k]++ }
  END { for (i = 1; i <= nk; i++) { k = order[i]
          printf "%s %.1f %.3f %.0f %.0f %d %d\n", k, median(r[k]), median(u[k]), median(sp[k]), median(cp[k]), e[k], n[k] } }
' "$results" >"$medians"

ratio() { # ratio TEST SERVER FIELD(3 rate, 4 us) BASE-SERVER
  awk -v t="$1" -v s="$2" -v f="$3" -v b="$4" '$1 == t && $2 == s { x = $f } $1 == t && $2 == b { y = $f }
    END { if (x != "" && y != "" && y > 0) printf "%.2f", x / y; else printf "-" }' "$medians"
}

depth_label="pipelined x$depth"
{
  echo "| test | server | requests/s | server CPU µs/req | server CPU | load CPU | vs nginx req/s | vs nginx CPU/req | vs Qt req/s | vs Qt CPU/req | wrk errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  while read -r test name rate us spct cpct errors _; do
    case $test in
      http-plain) label="GET /plaintext, $conns conns" ;;
      http-pipelined) label="GET /plaintext, $conns conns, $depth_label" ;;
      ws-echo) label="WebSocket echo, $ws_conns conns x ${ws_size} B" ;;
    esac
    if [[ $test == ws-echo ]]; then
      vn_r="" vn_c="" vq_r=$(ratio "$test" "$name" 3 qt-ws) vq_c=$(ratio "$test" "$name" 4 qt-ws) err="-"
    else
      vn_r=$(ratio "$test" "$name" 3 nginx) vn_c=$(ratio "$test" "$name" 4 nginx)
      vq_r=$(ratio "$test" "$name" 3 qt-http) vq_c=$(ratio "$test" "$name" 4 qt-http) err=$errors
    fi
    size=""
    [[ -s $tmp/size-$name && $test != ws-echo ]] && size=" ($(cat "$tmp/size-$name") B answer)"
    printf '| %s | %s%s | %.0f | %.3f | %s%% | %s%% | %s | %s | %s | %s | %s |\n' "$label" "$name" "$size" "$rate" "$us" \
      "$spct" "$cpct" "${vn_r:--}" "${vn_c:--}" "${vq_r:--}" "${vq_c:--}" "$err"
  done <"$medians"
  echo
  echo "Medians of $rounds round(s) of ${duration} s; server on CPU $server_cpu, load on CPU(s) $client_cpus; $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -r)."
  echo
  # The goals of the HTTP issue, checked on the medians.
  goal() { # goal TEXT VALUE OP LIMIT
    [[ $2 == - ]] && { echo "- $1: not measured"; return; }
    if awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { exit !((op == "<=") ? v <= l : v >= l) }'; then
      echo "- $1: $2 (goal $3 $4): met"
    else
      echo "- $1: $2 (goal $3 $4): **missed**"
    fi
  }
  for q in qgnet-http qgnet-http-uring qgnet-http-et; do
    grep -q "^http-plain $q " "$medians" || grep -q "^ws-echo $q " "$medians" || continue
    goal "$q server CPU per request / nginx's, plain" "$(ratio http-plain "$q" 4 nginx)" "<=" 0.8
    goal "$q server CPU per request / nginx's, $depth_label" "$(ratio http-pipelined "$q" 4 nginx)" "<=" 0.8
    goal "$q throughput / nginx's, $depth_label" "$(ratio http-pipelined "$q" 3 nginx)" ">=" 3
    goal "$q throughput / Qt HttpServer's, $depth_label" "$(ratio http-pipelined "$q" 3 qt-http)" ">=" 5
    goal "$q WebSocket server CPU per message / QWebSocketServer's" "$(ratio ws-echo "$q" 4 qt-ws)" "<=" 0.3
  done
}

note "done in $(($(date +%s) - started)) s; every run in $out"
if ((failures > 0)); then
  note "$failures run(s) failed or had wrk errors (see above)"
  exit 1
fi
