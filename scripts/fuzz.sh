#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each for a while,
# starting from (and adding to a copy of) its corpus in tests/fuzz/corpus/<target>/. Ends with one
# line per target: "fuzz TARGET: N executions, C crashes"; exits non-zero if any target crashed.
# A crash, a hang (-timeout) and a single allocation past -malloc_limit_mb all count as crashes; the
# input that did it is left in build-fuzz/artifacts/<target>/ (emptied at the start of each run).
# With --merge, the inputs of a run that add coverage are merged into tests/fuzz/corpus/<target>/
# (libFuzzer's -merge=1: only files that add something are copied), for ctest to replay.
# Usage: scripts/fuzz.sh [--seconds N | N] [--merge] [target...]   (default 60 s per target, every target)
#   targets: request_parser websocket_codec address buffers codec tls_handshake inspector_frames recording filter_expression
#
# build-fuzz/ is configured with QGNET_SANITIZE=address,undefined,fuzzer-no-link: the libraries that
# the later targets link (QGnet::Core, QGnet::Qt) carry ASan, UBSan and libFuzzer's coverage
# instrumentation, and each fuzz_<target> links libFuzzer itself (tests/fuzz/CMakeLists.txt). Qt's own
# libraries are Debian's, uninstrumented: the inspector target is guided by our code's coverage only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
merge=0
while (($#)); do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --merge) merge=1; shift ;;
        *) [[ $1 =~ ^[0-9]+$ ]] || break; seconds=$1; shift ;;
    esac
done
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(request_parser websocket_codec address buffers codec tls_handshake inspector_frames recording filter_expression)
scripts/deps.sh fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
    "-DQGNET_SANITIZE=address,undefined,fuzzer-no-link" -DQGNET_BUILD_QT=ON -DQGNET_BUILD_APPS=OFF \
    -DQGNET_BUILD_EXAMPLES=OFF -DQGNET_BUILD_BENCH=OFF >/dev/null
summary=()
failed=0
for t in "${targets[@]}"; do
    cmake --build build-fuzz --target "fuzz_$t"
    work="build-fuzz/corpus/$t"
    rm -rf "build-fuzz/artifacts/$t"
    mkdir -p "$work" "build-fuzz/artifacts/$t"
    cp -n "tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null || true
    echo "== fuzz_$t for ${seconds}s"
    log="build-fuzz/fuzz_$t.log"
    rc=0
    # -timeout: an input that runs 25 s is a hang; -malloc_limit_mb: no input of at most 4 KiB may
    # make one allocation of 256 MiB (the inspector's limits, for one, must refuse lies before that).
    "build-fuzz/bin/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -timeout=25 -malloc_limit_mb=256 \
        -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$t/" "$work" >"$log" 2>&1 || rc=$?
    tail -3 "$log"
    if ((merge)); then
        "build-fuzz/bin/fuzz_$t" -merge=1 -max_len=4096 "tests/fuzz/corpus/$t" "$work" >"build-fuzz/merge_$t.log" 2>&1 \
            || echo "merging into tests/fuzz/corpus/$t failed: see build-fuzz/merge_$t.log"
        tail -1 "build-fuzz/merge_$t.log"
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$log" | tail -1)
    crashes=$(find "build-fuzz/artifacts/$t" -type f | wc -l)
    ((rc == 0)) || ((crashes > 0)) || crashes=1 # a non-zero exit without an artifact still failed
    summary+=("fuzz $t: ${runs:-0} executions, $crashes crashes")
    ((crashes == 0)) || failed=1
done
printf '%s\n' "${summary[@]}"
exit "$failed"
