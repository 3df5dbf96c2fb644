#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each for a while,
# starting from (and adding to a copy of) its corpus in tests/fuzz/corpus/<target>/.
# Usage: scripts/fuzz.sh [seconds per target, default 60] [target...]
#   targets: request_parser websocket_codec address
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(request_parser websocket_codec address)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DQGNET_BUILD_QT=OFF -DQGNET_BUILD_EXAMPLES=OFF -DQGNET_BUILD_BENCH=OFF -DQGNET_BUILD_APPS=OFF >/dev/null
for t in "${targets[@]}"; do
    cmake --build build-fuzz --target "fuzz_$t"
    work="build-fuzz/corpus/$t"
    mkdir -p "$work"
    cp -n "tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null || true
    echo "== fuzz_$t for ${seconds}s"
    "build-fuzz/bin/fuzz_$t" -max_total_time="$seconds" -max_len=4096 "$work"
done
