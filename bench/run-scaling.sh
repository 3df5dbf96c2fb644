#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Multi-core scaling of the qgnet echo server: messages per second and server CPU per message with
# N = 1, 2, 4, 8 loops, the server pinned to cores 0..N-1 and the load generator's threads to the
# cores after them, on both backends. Not part of CI.
#
#   bench/run-scaling.sh build                  fully static qgnet-echo and qgnet-bench-load
#                                               (build-static/bin; they run without Qt, liburing or
#                                               OpenSSL installed, e.g. on a lent many-core machine)
#   bench/run-scaling.sh run [options]          measure, with the binaries in build-static/bin
#       --loops "1 2 4 8"   --backends "epoll io_uring"   --conns 1000   --size 64
#       --duration 5        --warmup 1   --out FILE.csv (default bench/results/scaling-DATE.csv)
#       --dry-run           a machine with fewer cores than the largest N needs: no pinning,
#                           short windows; checks the pipeline only, says so in every row
#   bench/run-scaling.sh plot FILE.csv [PNG]    draw the table (needs python3-matplotlib;
#                                               installed with apt-get when missing and root)
#
# The load generator gets min(2N, cores - N) threads (at least one), so that the client side is not
# what caps the figure. Each row: backend, loops, load threads, msgs/s, server CPU µs per message,
# and the speedup over one loop of the same backend.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build-static/bin
die() { echo "run-scaling: $*" >&2; exit 1; }

build_static() {
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S . -B build-static -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQGNET_BUILD_QT=OFF \
        -DQGNET_BUILD_TESTS=OFF -DQGNET_BUILD_HTTP=OFF -DQGNET_BUILD_BENCH=ON \
        "-DCMAKE_PROJECT_QGnet_INCLUDE=$PWD/bench/static-build.cmake" \
        "${launcher[@]}" >/dev/null
    # glibc warns that getaddrinfo in a static program needs its own NSS modules at run time: the
    # benchmark only uses numeric addresses, which need none.
    cmake --build build-static --target qgnet-echo qgnet-bench-load 2>&1 | grep -v "statically linked applications requires" || true
    strip "$bin/qgnet-echo" "$bin/qgnet-bench-load"
    ls -l "$bin/qgnet-echo" "$bin/qgnet-bench-load"
}

# Starts qgnet-echo on cores 0..loops-1; sets server_pid and port.
start_server() {
    local backend=$1 loops=$2 pin=$3 log=$4
    local cmd=("$bin/qgnet-echo" --listen tcp://127.0.0.1:0 --loops "$loops" --backend "$backend")
    if [[ $pin == yes ]]; then
        cmd=(taskset -c "0-$((loops - 1))" "${cmd[@]}")
    fi
    "${cmd[@]}" >"$log" 2>&1 &
    server_pid=$!
    local waited=0
    until grep -q '^listening on' "$log"; do
        kill -0 "$server_pid" 2>/dev/null || die "qgnet-echo exited: $(cat "$log")"
        ((waited++ < 100)) || die "qgnet-echo did not listen within 10 s"
        sleep 0.1
    done
    grep -q "^backend $backend" "$log" || die "qgnet-echo did not run $backend: $(cat "$log")"
    port=$(sed -n 's/^listening on tcp:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log")
}

run_scaling() {
    local loops_list="1 2 4 8" backends="epoll io_uring" conns=1000 size=64 duration=5 warmup=1
    local out="bench/results/scaling-$(date +%F).csv" dry=no
    while (($#)); do
        case $1 in
            --loops) loops_list=$2; shift 2 ;;
            --backends) backends=$2; shift 2 ;;
            --conns) conns=$2; shift 2 ;;
            --size) size=$2; shift 2 ;;
            --duration) duration=$2; shift 2 ;;
            --warmup) warmup=$2; shift 2 ;;
            --out) out=$2; shift 2 ;;
            --dry-run) dry=yes; duration=1; warmup=0.5; shift ;;
            *) die "unknown argument '$1'" ;;
        esac
    done
    [[ -x $bin/qgnet-echo && -x $bin/qgnet-bench-load ]] || die "$bin has no qgnet-echo/qgnet-bench-load: run '$0 build' first"
    local cores
    cores=$(nproc)
    ulimit -n "$(ulimit -Hn)"
    # (global: the EXIT trap runs after this function has returned)
    tmp=$(mktemp -d)
    trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
    mkdir -p "$(dirname "$out")"
    echo "backend,loops,load_threads,conns,size,msgs_per_sec,server_cpu_us_per_msg,speedup,cores,mode" >"$out"
    printf '%-9s %5s %6s %14s %14s %8s\n' backend loops load msgs/s "server µs/msg" speedup
    for backend in $backends; do
        local base=""
        for loops in $loops_list; do
            local pin=yes threads=$((2 * loops)) cpu=()
            ((threads > cores - loops)) && threads=$((cores - loops))
            if [[ $dry == yes ]] || ((loops >= cores)); then
                [[ $dry == yes ]] || die "$loops loops need more than $cores cores (use --dry-run to check the pipeline)"
                pin=no
                threads=1
            else
                cpu=(--cpu "$loops")
            fi
            ((threads >= 1)) || threads=1
            start_server "$backend" "$loops" "$pin" "$tmp/server.log"
            local line
            line=$("$bin/qgnet-bench-load" --port "$port" --conns "$conns" --size "$size" --duration "$duration" \
                --warmup "$warmup" --threads "$threads" "${cpu[@]}" --server-pid "$server_pid") \
                || die "load generator failed ($backend, $loops loops)"
            kill "$server_pid"
            wait "$server_pid" || die "qgnet-echo did not stop cleanly ($backend, $loops loops)"
            local rate us
            rate=$(sed -n 's/.*msgs_per_sec=\([0-9.]*\).*/\1/p' <<<"$line")
            us=$(sed -n 's/.*server_cpu_us_per_msg=\([0-9.]*\).*/\1/p' <<<"$line")
            [[ -n $base ]] || base=$rate
            local speedup
            speedup=$(awk -v r="$rate" -v b="$base" 'BEGIN { printf "%.2f", r / b }')
            local mode=pinned
            [[ $pin == yes ]] || mode=dry-run-unpinned
            echo "$backend,$loops,$threads,$conns,$size,$rate,$us,$speedup,$cores,$mode" >>"$out"
            printf '%-9s %5s %6s %14s %14s %8s\n' "$backend" "$loops" "$threads" "$rate" "$us" "$speedup"
        done
    done
    echo "table: $out"
}

plot() {
    local csv=${1:?plot needs FILE.csv} png=${2:-}
    [[ -n $png ]] || png=docs/$(basename "${csv%.csv}").png
    # Debian's python3 (where python3-matplotlib lives), not one a version manager put first on PATH.
    local py=/usr/bin/python3
    [[ -x $py ]] || py=python3
    if ! "$py" -c 'import matplotlib' 2>/dev/null; then
        [[ $(id -u) == 0 ]] || die "python3-matplotlib is missing: apt-get install python3-matplotlib"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-matplotlib >/dev/null
    fi
    "$py" - "$csv" "$png" <<'EOF'
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rows = list(csv.DictReader(open(sys.argv[1])))
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for backend in sorted({r["backend"] for r in rows}):
    mine = [r for r in rows if r["backend"] == backend]
    loops = [int(r["loops"]) for r in mine]
    left.plot(loops, [float(r["msgs_per_sec"]) / 1e6 for r in mine], marker="o", label=backend)
    right.plot(loops, [float(r["server_cpu_us_per_msg"]) for r in mine], marker="o", label=backend)
loops = sorted({int(r["loops"]) for r in rows})
first = rows[0]
left.set(xlabel="event loops", ylabel="million echoes per second", xticks=loops, ylim=(0, None),
         title=f'{first["conns"]} connections x {first["size"]} B, {first["cores"]} cores')
right.set(xlabel="event loops", ylabel="server CPU per echo (µs)", xticks=loops, ylim=(0, None),
          title="cost per message")
if any(r["mode"] != "pinned" for r in rows):
    fig.suptitle("dry run: not pinned, too few cores; checks the pipeline, not a scaling figure")
for axis in (left, right):
    axis.grid(alpha=0.3)
    axis.legend()
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
print("plot:", sys.argv[2])
EOF
}

case ${1:-} in
    build) build_static ;;
    run) shift; run_scaling "$@" ;;
    plot) shift; plot "$@" ;;
    *) sed -n '3,20p' "$0"; exit 2 ;;
esac
