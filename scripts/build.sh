#!/usr/bin/env bash
# Configures and builds one flavour of qgnet into its own build directory.
# Usage: scripts/build.sh [release|asan|tsan] [extra cmake args...]
#   release -> build/       (what the demo and benchmarks use; warnings are errors)
#   asan    -> build-asan/  (AddressSanitizer + UndefinedBehaviorSanitizer)
#   tsan    -> build-tsan/  (ThreadSanitizer)
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-release}
shift || true
case "$flavour" in
    release) dir=build; args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DQGNET_BUILD_BENCH=ON) ;;
    asan) dir=build-asan; args=(-DCMAKE_BUILD_TYPE=Debug "-DQGNET_SANITIZE=address,undefined" -DQGNET_BUILD_BENCH=OFF) ;;
    # TSan builds the engine, the Qt bridge and their tests, not the GUI applications: Debian's Qt is
    # not instrumented, so TSan cannot see its locks, and the applications add build time, not coverage.
    tsan) dir=build-tsan; args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DQGNET_SANITIZE=thread -DQGNET_BUILD_BENCH=OFF -DQGNET_BUILD_APPS=OFF) ;;
    *) echo "unknown flavour '$flavour' (release, asan, tsan)" >&2; exit 2 ;;
esac

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$dir" -G Ninja -DQGNET_WERROR=ON -DQGNET_BUILD_TESTS=ON -DQGNET_BUILD_EXAMPLES=ON "${launcher[@]}" "${args[@]}" "$@" >/dev/null
cmake --build "$dir" --parallel "$(nproc)"
