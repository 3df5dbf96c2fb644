#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each for a while,
# starting from (and adding to a copy of) its corpus in tests/fuzz/corpus/<target>/. Ends with one
# line per target: "fuzz TARGET: N executions, C crashes"; exits non-zero if any target crashed.
# Usage: scripts/fuzz.sh [--seconds N | N] [target...]   (default 60 s per target, every target)
#   targets: request_parser websocket_codec address buffers
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
if [[ ${1:-} == --seconds ]]; then
    seconds=$2
    shift 2
elif [[ ${1:-} =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(request_parser websocket_codec address buffers)
scripts/deps.sh fuzz
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DQGNET_BUILD_QT=OFF -DQGNET_BUILD_EXAMPLES=OFF -DQGNET_BUILD_BENCH=OFF -DQGNET_BUILD_APPS=OFF >/dev/null
summary=()
failed=0
for t in "${targets[@]}"; do
    cmake --build build-fuzz --target "fuzz_$t"
    work="build-fuzz/corpus/$t"
    mkdir -p "$work" "build-fuzz/artifacts/$t"
    cp -n "tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null || true
    echo "== fuzz_$t for ${seconds}s"
    log="build-fuzz/fuzz_$t.log"
    rc=0
    "build-fuzz/bin/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
        -artifact_prefix="build-fuzz/artifacts/$t/" "$work" >"$log" 2>&1 || rc=$?
    tail -3 "$log"
    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$log" | tail -1)
    crashes=$(find "build-fuzz/artifacts/$t" -type f | wc -l)
    ((rc == 0)) || ((crashes > 0)) || crashes=1 # a non-zero exit without an artifact still failed
    summary+=("fuzz $t: ${runs:-0} executions, $crashes crashes")
    ((crashes == 0)) || failed=1
done
printf '%s\n' "${summary[@]}"
exit "$failed"
